import assert from 'node:assert/strict';
import { contentSecurityPolicy, dashboardHtml, makeNonce } from '../../../src/dashboard/dashboardHtml';
import { isHostMessage, parseWebviewMessage } from '../../../src/dashboard/protocol';
import { neutraliseCell, toCsv } from '../../../src/core/csv';

describe('dashboard protocol', () => {
  it('accepts the known webview messages', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'openRun', executionId: 'exec_1', runId: 'run_1' }), {
      type: 'openRun',
      executionId: 'exec_1',
      runId: 'run_1',
    });
    const filters = {
      range: { kind: 'custom', start: '2026-11-01', end: '2026-11-07' },
      granularity: 'day',
      workflow: 'Invoice Intake',
      trigger: 'endpoint',
      status: 'failed',
    };
    assert.deepEqual(parseWebviewMessage({ type: 'setFilters', filters }), { type: 'setFilters', filters });
    assert.ok(
      parseWebviewMessage({
        type: 'exportCsv',
        name: 'recent failures',
        rows: [
          ['a', 'b'],
          ['1', '2'],
        ],
      }),
    );
  });

  it('rejects anything else: unknown types, URLs instead of ids, bad filters, file names with paths', () => {
    const rejected = [
      null,
      'ready',
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'openRun' },
      { type: 'openRun', executionId: '' },
      { type: 'openRun', executionId: 'x'.repeat(201) },
      { type: 'openRun', url: 'https://evil.example' },
      { type: 'setFilters', filters: { range: { kind: 'preset', preset: '1y' }, granularity: 'day' } },
      {
        type: 'setFilters',
        filters: { range: { kind: 'custom', start: 'yesterday', end: '2026-11-01' }, granularity: 'day' },
      },
      {
        type: 'setFilters',
        filters: { range: { kind: 'preset', preset: '7d' }, granularity: 'day', status: 'exploded' },
      },
      { type: 'exportCsv', name: '../../etc/passwd', rows: [] },
      { type: 'exportCsv', name: 'ok', rows: [[1, 2]] },
    ];
    for (const message of rejected) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
  });

  it('accepts any Save Granite could have stored: unknown entries with long ids, empty types, far orders', () => {
    const unknown = { id: 'x'.repeat(5_000), type: '', visible: false, order: 9_000_000_000, width: 'third' };
    const ours = { id: 'summary', type: 'summary', visible: true, order: 0, width: 'full' };
    const parsed = parseWebviewMessage({ type: 'saveLayout', widgets: [ours, unknown], overwrite: true });
    assert.deepEqual(parsed, { type: 'saveLayout', widgets: [ours, unknown], overwrite: true });
    // Still refused: a width outside the spec's enum, a fractional order, a non-boolean visibility.
    for (const bad of [{ width: 'wide' }, { order: 1.5 }, { visible: 'yes' }])
      assert.equal(parseWebviewMessage({ type: 'saveLayout', widgets: [{ ...ours, ...bad }] }), undefined);
  });

  it('checks only the envelope of host messages', () => {
    assert.equal(isHostMessage({ type: 'state', state: {} }), true);
    assert.equal(isHostMessage({ type: 'state' }), false);
    assert.equal(isHostMessage({ type: 'other', state: {} }), false);
    assert.equal(isHostMessage(null), false);
  });
});

describe('dashboard HTML and CSP', () => {
  it('has exactly the policy: no default sources, nonce scripts, no connect-src', () => {
    assert.equal(
      contentSecurityPolicy('https://x.vscode-cdn.net', 'abc'),
      "default-src 'none'; script-src 'nonce-abc'; style-src https://x.vscode-cdn.net; img-src https://x.vscode-cdn.net data:; font-src https://x.vscode-cdn.net",
    );
  });

  it('puts the nonce on the one script and escapes attribute values', () => {
    const html = dashboardHtml({
      cspSource: 'https://c',
      nonce: 'n1',
      scriptUri: 'https://c/dist/webview.js',
      styleUris: ['https://c/media/a.css'],
      l10n: { title: '"><script>alert(1)</script>' },
    });
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script type="module" nonce="n1" src="https:\/\/c\/dist\/webview.js"><\/script>/);
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(!/connect-src/.test(html));
  });

  it('asks the page for its test hooks only when told to (never in Production mode)', () => {
    const options = { cspSource: 'https://c', nonce: 'n1', scriptUri: 'https://c/dist/webview.js', styleUris: [] };
    assert.ok(!dashboardHtml(options).includes('data-test-hooks'));
    assert.ok(!dashboardHtml({ ...options, testHooks: false }).includes('data-test-hooks'));
    assert.match(dashboardHtml({ ...options, testHooks: true }), /<main id="app" [^>]*data-test-hooks[ >]/);
  });

  it('makes nonces of 32 hex characters that differ', () => {
    const a = makeNonce();
    assert.match(a, /^[0-9a-f]{32}$/);
    assert.notEqual(a, makeNonce());
  });
});

describe('CSV export', () => {
  it('neutralises cells that a spreadsheet would run as formulas', () => {
    for (const cell of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])
      assert.ok(neutraliseCell(cell).startsWith("'"), cell);
    assert.equal(neutraliseCell('Invoice Intake'), 'Invoice Intake');
  });

  it('quotes commas, quotes and newlines (RFC 4180)', () => {
    assert.equal(
      toCsv([
        ['name', 'message'],
        ['a,b', 'say "hi"\nthen go'],
        ['=1+1', 'ok'],
      ]),
      'name,message\r\n"a,b","say ""hi""\nthen go"\r\n\'=1+1,ok\r\n',
    );
  });
});
