/**
 * The run view's protocol and shell: every webview message is checked (unknown, malformed, oversized and
 * URL-carrying ones refused), the state the webview gets holds no signed link, the restore state is read
 * as ids only, and the CSP lets images in only as data.
 */
import assert from 'node:assert/strict';
import type { RunBundle } from '../../../src/runs/runBundle';
import { runViewContentSecurityPolicy, runViewHtml } from '../../../src/runs/runViewHtml';
import { copyValue, errorText, recordingLinkAllowed, resultParts, runError } from '../../../src/runs/runViewModel';
import {
  isImageDataUrl,
  isRunViewHostMessage,
  maxParametersJsonChars,
  parseRunViewMessage,
  restoredIds,
  runViewState,
} from '../../../src/runs/runViewProtocol';

const signed = 'https://storage.example/shot.png?X-Goog-Signature=secret';
const recordingLink = 'https://storage.example/rec.webm?X-Goog-Signature=secret2';

function bundle(): RunBundle {
  return {
    ids: { executionId: 'exec_1', runId: 'run_1' },
    detail: {
      state: 'ok',
      fetchedAt: 1,
      value: {
        execution_id: 'exec_1',
        run_id: 'run_1',
        triggered_by: 'manual',
        status: 'failed',
        started_at: '2026-12-01T10:00:00Z',
        parameters: [{ name: 'a', value: 1 }],
        result: { return_code: 2, stdout: 'out', stderr: 'err', error: { type: 'Boom', message: 'it broke' }, data: 7 },
      },
    },
    info: {
      state: 'ok',
      fetchedAt: 1,
      value: { run_id: 'run_1', endpoint_url: 'https://api.example/api/org/slug' },
    },
    history: { state: 'missing', reason: 'later' },
    trace: {
      state: 'ok',
      owner: 'this-run',
      fetchedAt: 1,
      trace: {
        agent_run_id: 'run_1',
        message_trace: [{ source: 'agent', event_type: 'click', content: 'x', details: {} }],
        screenshots: [signed, signed],
        recording: { signed_url: recordingLink, recording_url: 'gs://bucket/rec', expires_in_hours: 24 },
      },
    },
    fetchedAt: 1,
  };
}

const extra = { loading: false, now: 5, locale: 'en', runAgain: false, canOpenInGranite: true, workflowName: 'W' };

describe('run view protocol', () => {
  it('accepts the known webview messages', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'copy', field: 'stdout' },
      { type: 'openInGranite' },
      { type: 'openExecution', executionId: 'exec_2', runId: 'run_1' },
      { type: 'loadScreenshots' },
      { type: 'openRecording' },
      { type: 'runAgain', parametersJson: '{"a":1}' },
    ])
      assert.deepEqual(parseRunViewMessage(message), message);
  });

  it('refuses unknown, malformed and oversized messages, and any URL', () => {
    for (const message of [
      null,
      'ready',
      {},
      { type: 'openRun', executionId: 'x' },
      { type: 'copy', field: 'apiKey' },
      { type: 'copy' },
      { type: 'openExecution', executionId: '' },
      { type: 'openExecution', executionId: 'x'.repeat(201) },
      { type: 'runAgain', parametersJson: 'x'.repeat(maxParametersJsonChars + 1) },
      { type: 'runAgain', parametersJson: { a: 1 } },
    ])
      assert.equal(parseRunViewMessage(message), undefined, JSON.stringify(message));
    // A URL sent along is dropped: the host opens only the link it holds.
    assert.deepEqual(parseRunViewMessage({ type: 'openRecording', url: 'https://evil.example' }), {
      type: 'openRecording',
    });
  });

  it('the state for the webview carries no signed link', () => {
    const state = runViewState(bundle(), extra);
    const text = JSON.stringify(state);
    assert.ok(!text.includes('X-Goog-Signature'), 'no signed link');
    assert.ok(!text.includes('gs://'), 'no recording URI');
    assert.equal(state.trace.state, 'ok');
    if (state.trace.state === 'ok') {
      assert.equal(state.trace.screenshotCount, 2);
      assert.deepEqual(state.trace.recording, {
        filename: undefined,
        uploadedAt: undefined,
        fileSizeMb: undefined,
        expiresInHours: 24,
        playable: true,
      });
    }
  });

  it('checks only the envelope of host messages, and screenshots only as raster data', () => {
    assert.ok(isRunViewHostMessage({ type: 'state', state: {} }));
    assert.ok(isRunViewHostMessage({ type: 'screenshot', index: 0, dataUrl: 'data:image/png;base64,AA==' }));
    assert.ok(!isRunViewHostMessage({ type: 'state' }));
    assert.ok(!isRunViewHostMessage({ type: 'other' }));
    assert.ok(isImageDataUrl('data:image/png;base64,iVBORw0KGgo='));
    assert.ok(isImageDataUrl('data:image/webp;base64,UklGRg=='));
    for (const bad of [
      'data:image/svg+xml;base64,PHN2Zz4=',
      'data:text/html;base64,PGgxPg==',
      'https://example.com/a.png',
      'data:image/png;base64,"onerror=x',
      'data:image/png,raw',
    ])
      assert.ok(!isImageDataUrl(bad), bad);
  });

  it('restores from ids only', () => {
    assert.deepEqual(restoredIds({ executionId: 'e', runId: 'r', tab: 'summary' }), { executionId: 'e', runId: 'r' });
    assert.deepEqual(restoredIds({ executionId: 'e', runId: 7 }), { executionId: 'e', runId: undefined });
    for (const bad of [undefined, null, 'e', {}, { executionId: '' }, { executionId: 'x'.repeat(201) }])
      assert.equal(restoredIds(bad), undefined);
  });
});

describe('run view model', () => {
  it('reads the error from the failure record first, else from result', () => {
    const failure = {
      execution_id: 'e',
      run_id: 'r',
      workflow_name: 'W',
      error_category: 'timeout',
      error_message: 'took too long',
      triggered_by: 'manual',
      started_at: '2026-12-01T10:00:00Z',
    };
    assert.deepEqual(runError(failure, { error: 'other' }), {
      category: 'timeout',
      message: 'took too long',
      from: 'failure',
    });
    assert.deepEqual(runError(undefined, { error: { type: 'Boom', message: 'm' } }), {
      name: 'Boom',
      category: undefined,
      message: 'm',
      from: 'result',
    });
    assert.deepEqual(runError(undefined, { error: 'plain' }), { message: 'plain', from: 'result' });
    assert.equal(runError(undefined, { stdout: 'x' }), undefined);
    assert.equal(errorText({ category: 'c', name: 'n', message: 'm', from: 'result' }), 'c\nn\nm');
  });

  it('splits result into logs and the rest', () => {
    assert.deepEqual(resultParts({ return_code: 0, stdout: 'o', stderr: 'e', error: null, data: { a: 1 } }), {
      returnCode: '0',
      stdout: 'o',
      stderr: 'e',
      rest: { error: null, data: { a: 1 } },
    });
    assert.deepEqual(resultParts({ stdout: 5 }), { rest: { stdout: 5 } });
    assert.deepEqual(resultParts(null), { rest: {} });
  });

  it('copies values from the host bundle', () => {
    const b = bundle();
    assert.equal(copyValue(b, 'executionId'), 'exec_1');
    assert.equal(copyValue(b, 'stdout'), 'out');
    assert.equal(copyValue(b, 'stderr'), 'err');
    assert.equal(copyValue(b, 'error'), 'Boom\nit broke');
    assert.equal(copyValue(b, 'endpointUrl'), 'https://api.example/api/org/slug');
    assert.equal(copyValue(b, 'parameters'), JSON.stringify([{ name: 'a', value: 1 }], null, 2));
  });

  it('opens a recording link only over https, or http to loopback', () => {
    assert.ok(recordingLinkAllowed(recordingLink));
    assert.ok(recordingLinkAllowed('http://127.0.0.1:8787/rec'));
    for (const bad of ['http://example.com/rec', 'javascript:alert(1)', 'file:///etc/passwd', 'https://u:p@x.example/'])
      assert.ok(!recordingLinkAllowed(bad), bad);
  });
});

describe('run view html', () => {
  it('has a CSP with no remote host and images only as data', () => {
    const csp = runViewContentSecurityPolicy('https://webview.example', 'abc');
    assert.equal(
      csp,
      "default-src 'none'; script-src 'nonce-abc'; style-src https://webview.example; img-src data:; font-src https://webview.example",
    );
    const html = runViewHtml({
      cspSource: 'https://webview.example',
      nonce: 'abc',
      scriptUri: 'https://webview.example/dist/runView.js',
      styleUris: ['https://webview.example/media/runView.css'],
      l10n: { Summary: '"><script>alert(1)</script>' },
    });
    assert.ok(html.includes(`content="${csp.replace(/'/g, "'")}"`));
    assert.ok(!html.includes('<script>alert'), 'l10n text is escaped into the attribute');
    assert.equal((html.match(/<script /g) ?? []).length, 1, 'one script');
    assert.ok(html.includes('nonce="abc"'));
    assert.ok(!html.includes('data-test-hooks'), 'no test hooks unless asked');
  });
});
