import assert from 'node:assert/strict';
import { checkBaseUrl, isLoopbackHost } from '../../../src/core/api/baseUrl';

describe('checkBaseUrl', () => {
  it('accepts https and normalises a trailing slash away', () => {
    const check = checkBaseUrl('https://api.getgranite.ai/');
    assert.deepEqual(check, {
      ok: true,
      baseUrl: 'https://api.getgranite.ai',
      origin: 'https://api.getgranite.ai',
      host: 'api.getgranite.ai',
      loopback: false,
    });
  });

  it('keeps a path prefix (a gateway in front of the API)', () => {
    const check = checkBaseUrl('https://gateway.example.com/granite/');
    assert.ok(check.ok);
    assert.equal(check.baseUrl, 'https://gateway.example.com/granite');
    assert.equal(check.origin, 'https://gateway.example.com');
  });

  it('allows plain http only for loopback hosts', () => {
    for (const url of ['http://127.0.0.1:8787', 'http://localhost:8000', 'http://[::1]:9000', 'http://127.1.2.3']) {
      const check = checkBaseUrl(url);
      assert.ok(check.ok, url);
      assert.equal(check.loopback, true);
    }
    const remote = checkBaseUrl('http://api.getgranite.ai');
    assert.equal(remote.ok, false);
    if (!remote.ok) assert.match(remote.message, /must use https:\/\//);
  });

  it('refuses credentials, queries, fragments, other schemes and garbage with a message naming the setting', () => {
    for (const url of [
      'https://user:pw@api.getgranite.ai',
      'https://key@api.getgranite.ai',
      'https://api.getgranite.ai/?x=1',
      'https://api.getgranite.ai/#a',
      'ftp://api.getgranite.ai',
      'file:///etc/passwd',
      'not a url',
      '  ',
    ]) {
      const check = checkBaseUrl(url);
      assert.equal(check.ok, false, url);
      if (!check.ok) assert.match(check.message, /granite\.apiBaseUrl|base URL/, url);
    }
  });

  it('does not take lookalike hosts for loopback', () => {
    assert.equal(isLoopbackHost('127.0.0.1.evil.com'), false);
    assert.equal(isLoopbackHost('localhost.evil.com'), false);
    assert.equal(isLoopbackHost('LOCALHOST'), true);
  });
});
