import assert from 'node:assert/strict';
import { summariseErrorBody } from '../../../src/core/api/errorBody';
import { redact } from '../../../src/core/api/errors';

describe('error bodies', () => {
  it("summarises FastAPI's validation list with locations, without the 'body' prefix", () => {
    const body = JSON.stringify({
      detail: [
        { loc: ['body', 'granularity'], msg: "Input should be 'hour', 'day', 'week' or 'month'", type: 'enum' },
        { loc: ['body', 'start_date'], msg: 'Input should be a valid datetime', type: 'datetime_parsing' },
      ],
    });
    assert.equal(
      summariseErrorBody(body),
      "granularity: Input should be 'hour', 'day', 'week' or 'month'; start_date: Input should be a valid datetime",
    );
  });

  it('caps a long validation list', () => {
    const detail = Array.from({ length: 5 }, (_, i) => ({ loc: ['body', `f${i}`], msg: 'bad', type: 'x' }));
    assert.equal(summariseErrorBody(JSON.stringify({ detail })), 'f0: bad; f1: bad; f2: bad; and 2 more');
  });

  it("reads FastAPI's plain detail and Granite's error/message/code body", () => {
    assert.equal(summariseErrorBody('{"detail":"Not Found"}'), 'Not Found');
    assert.equal(
      summariseErrorBody('{"error":"unauthorized","message":"Invalid or missing API key","code":401}'),
      'Invalid or missing API key',
    );
    assert.equal(summariseErrorBody('{"error":"rate_limited"}'), 'rate_limited');
  });

  it('keeps plain text, drops HTML pages and empty bodies', () => {
    assert.equal(summariseErrorBody('upstream connect error'), 'upstream connect error');
    assert.equal(summariseErrorBody('<html><body>502 Bad Gateway</body></html>'), undefined);
    assert.equal(summariseErrorBody('   '), undefined);
  });

  it('makes a message one line and shortens it', () => {
    assert.equal(summariseErrorBody('{"detail":"line one\\nline two\\u0000"}'), 'line one line two');
    const long = summariseErrorBody(JSON.stringify({ detail: 'x'.repeat(1000) }));
    assert.equal(long?.length, 300);
    assert.ok(long?.endsWith('…'));
  });

  it('redacts the key and anything shaped like a Granite key', () => {
    assert.equal(redact('bad key abc123secret', 'abc123secret'), 'bad key «redacted»');
    assert.equal(redact('key gk_live_a1b2c3d4e5f6 rejected'), 'key gk_live_«redacted» rejected');
  });
});
