/**
 * The XSS corpus through the real extension in real VS Code (code-server): the simulator serves it in
 * every string field (a standing `transform` fault on the batch route, one round per payload) and in its
 * error bodies, and the suite reads what VS Code really holds and draws: tree items (labels, descriptions,
 * untrusted MarkdownString tooltips) and the rows VS Code rendered, the status bar, the Open Run quick
 * pick, the run details document, the dashboard webview's DOM, the tree message and banners for error
 * bodies, and the Set API Key error notification. A `window.__xss` trap sits in every frame.
 * The simulator is shared with the other suites: `after` clears the faults and reloads clean data.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BatchedAnalyticsResponse, RecentFailureItem } from '../../../src/core/api/schemas';
import { firstLine, humanizeCategory, triggerLabel } from '../../../src/core/format';
import { oneLine } from '../../../src/core/escaping';
import type { WorkflowRow } from '../../../src/workflows/workflowHealth';
import type { GraniteTestApi } from '../../../src/extension';
import { control } from '../../integration/control';
import { setKeyThroughTheUi } from '../../integration/apiKeyInput';
import { until, withWorkflowsShown } from '../../integration/simulatorSession';
import { testKeys } from '../../integration/testKeys';
import type { Simulator } from '../../simulator/server';
import { iconLabel, readable } from '../surfaceModel';
import { assertFieldsShown, assertNothingFormed, scanExpression, type Scan } from '../webview/scan';
import {
  corpus,
  errorBody,
  errorBodyFields,
  FieldCoverage,
  payload,
  poisonBatch,
  saysPayload,
  stringFields,
  type FieldsFound,
  type StringField,
} from '../xssCorpus';
import { webviewMessages } from '../../integration/dashboardMessages';
import {
  armTrap,
  checkMarkdownString,
  labelOf,
  renderedHover,
  notificationRows,
  pickLabel,
  pickRows,
  trapCalls,
  treeLabel,
  treeMessage,
  treeRows,
  untilDrawn,
} from './workbench';

const statusIcons = ['pulse', 'sync~spin', 'warning', 'filter', 'key'];

describe('XSS corpus on VS Code surfaces (code-server)', function () {
  this.timeout(900_000);
  let sim: Simulator;
  let api: GraniteTestApi;
  const coverage = new FieldCoverage();

  /** The dashboard open and drawn, charts shown as tables (so bucket times and categories are DOM text). */
  async function dashboard(): Promise<void> {
    await vscode.commands.executeCommand('granite.showAnalytics');
    const panel = await until('the panel', () => api.dashboard());
    await until('the webview', () => webviewMessages(panel).handled > 0, 20_000);
    await until(
      'the dashboard drawn',
      async () => (await control.evaluateInFrames(scanExpression())).length > 0,
      20_000,
    );
    await control.evaluateInFrames(
      `document.querySelectorAll('vscode-button[icon="table"]').forEach((b) => b.click())`,
    );
    await vscode.commands.executeCommand('granite.workflows.focus');
    await armTrap();
  }

  const dashboardScan = async () => (await control.evaluateInFrames<Scan>(scanExpression()))[0]?.value;

  before(async () => {
    assert.ok(control.available, 'this suite reads the workbench: run it with npm run test:integration');
    ({ sim, api } = await withWorkflowsShown());
    sim.faults.clear();
  });

  after(async () => {
    sim?.faults.clear();
    api?.dashboard()?.dispose();
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('granite.refresh');
    await until(
      'the simulator’s own data again',
      () =>
        api.store.state.batch &&
        !api.store.state.error &&
        !api.store.state.batch.sections.workflows?.some((name) =>
          corpus.some((_, i) => payload(i, 'workflow') === name),
        ),
    );
  });

  afterEach(async () => {
    assert.deepEqual(await trapCalls(), [], 'a payload ran');
    await closeRunDocuments();
  });

  it('tree, status bar, Open Run quick pick, run details and dashboard show every payload of every field as text', async () => {
    await dashboard();
    await vscode.commands.executeCommand('granite.refresh');
    const baseline = await until('a clean dashboard', dashboardScan);
    for (let r = 0; r < corpus.length; r++) {
      sim.faults.always({ kind: 'transform', transform: (json) => poisonBatch(json, r) });
      const id = payload(r, 'execution_id');
      await refreshUntil(
        `round ${r} in the store`,
        () => api.store.state.batch?.sections.recent_failures?.data[0]?.execution_id === id,
      );
      const s = api.store.state.batch!.sections as BatchedAnalyticsResponse;
      await checkTree(`round ${r}`);
      assert.ok(
        iconLabel(api.statusBar.item.text).icons.every((icon) => statusIcons.includes(icon)),
        api.statusBar.item.text,
      );
      checkMarkdownString(api.statusBar.item.tooltip, true, [], `round ${r} status bar tooltip`);
      coverage.markFound(await checkRunDocument(s.recent_failures.data[0]!));
      await checkOpenRunPick(s.recent_failures.data[0]!, `round ${r}`);
      const scan = await until(
        `round ${r} in the dashboard`,
        async () => {
          const v = await dashboardScan();
          return v?.text.failureKeys.includes(id) ? v : undefined;
        },
        20_000,
      );
      assertNothingFormed(scan, baseline, `round ${r} dashboard`);
      // A field's payload counts only where its text was found rendered (assertFieldsShown fails otherwise).
      coverage.markFound(assertFieldsShown(scan, s, `round ${r} dashboard`));
      assert.deepEqual(await trapCalls(), [], `round ${r}: a payload ran`);
      if (r % 10 === 0) console.log(`[xss] round ${r} of ${corpus.length} checked`);
    }
    // Granularity and sort_by are shown nowhere: for them the proof is that nothing ran or formed.
    coverage.assertComplete('VS Code in code-server, batch fields', stringFields, ['granularity', 'sort_by']);
  });

  /** Every tree item as the API holds it, and the rows VS Code drew. */
  async function checkTree(where: string): Promise<void> {
    const roots = api.tree.getChildren();
    assert.ok(roots.length > 0, where);
    for (const item of roots) {
      const row = (item as unknown as { row: WorkflowRow }).row;
      assert.equal(labelOf(item), oneLine(row.name), `${where}: workflow label`);
      checkMarkdownString(
        item.tooltip,
        false,
        [row.name, ...(row.lastExecution ? [row.lastExecution] : [])],
        `${where}: workflow tooltip`,
      );
      for (const child of api.tree.getChildren(item)) {
        const f = (child as unknown as { failure?: RecentFailureItem }).failure;
        if (!f) continue;
        assert.ok(
          labelOf(child).includes(oneLine(humanizeCategory(f.error_category))) &&
            labelOf(child).includes(oneLine(f.started_at)),
          `${where}: failure label`,
        );
        assert.equal(child.description, oneLine(firstLine(f.error_message)), `${where}: failure description`);
        checkMarkdownString(
          child.tooltip,
          false,
          [humanizeCategory(f.error_category), f.started_at, triggerLabel(f.triggered_by), f.error_message ?? ''],
          `${where}: failure tooltip`,
        );
      }
    }
    const labels = roots.map(labelOf);
    const dom = await untilDrawn(`${where}: the tree drawn`, treeRows, treeLabel, (d) =>
      d.texts.every((text) => labels.some((label) => text.startsWith(label))),
    );
    assert.equal(dom.links, 0, `${where}: links in the tree`);
    assert.deepEqual(dom.icons, [], `${where}: icons drawn from labels`);
  }

  async function closeRunDocuments(): Promise<void> {
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'granite-run');
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  /** The run details document of `f` shows each of its fields as text; returns the values found, by field. */
  async function checkRunDocument(f: RecentFailureItem): Promise<FieldsFound> {
    const uri = await vscode.commands.executeCommand<string>('granite.openRunAsText', {
      executionId: f.execution_id,
      runId: f.run_id,
      beside: true,
    });
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    assert.ok(document, 'the run document opened');
    assert.equal(document.languageId, 'plaintext');
    const text = document.getText();
    // Field, the text shown, and the value it comes from.
    const shown: [StringField, string, string | null | undefined][] = [
      ['workflow_name', f.workflow_name, f.workflow_name],
      ['started_at', f.started_at, f.started_at],
      ['error_category', f.error_category, f.error_category],
      ['triggered_by', triggerLabel(f.triggered_by), f.triggered_by],
      ['execution_id', f.execution_id, f.execution_id],
      ['run_id', f.run_id, f.run_id],
      ['error_message', f.error_message ?? '', f.error_message],
    ];
    const found: FieldsFound = new Map();
    for (const [field, value, raw] of shown) {
      // A text document keeps one end-of-line sequence: a CR or CRLF in the text reads as its line break.
      assert.ok(text.includes(value.replace(/\r\n?/g, '\n')), `run details lack ${JSON.stringify(value).slice(0, 80)}`);
      if (raw) found.set(field, [raw]);
    }
    await closeRunDocuments();
    return found;
  }

  async function checkOpenRunPick(f: RecentFailureItem, where: string): Promise<void> {
    const picked = vscode.commands.executeCommand('granite.openRun');
    // The widget keeps its rows when hidden, so wait for this round's first failure. Quick-pick labels
    // show a line break as ⏎ (labelEscapeNewLines).
    const expected = readable(f.workflow_name).slice(0, 200);
    const dom = await untilDrawn(
      `${where}: the quick pick with ${JSON.stringify(expected.slice(0, 60))} as text`,
      pickRows,
      pickLabel,
      (d) => readable(d.texts.join(' ').replace(/⏎/g, '\n')).includes(expected),
    );
    assert.equal(dom.links, 0, `${where}: links in the quick pick`);
    assert.deepEqual(dom.icons, [], `${where}: icons drawn from API text`);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(
      await Promise.race([picked, new Promise((resolve) => setTimeout(() => resolve('still open'), 5_000))]),
      undefined,
      `${where}: the quick pick did not close`,
    );
  }

  it('error bodies: the status bar tooltip, the tree message and the dashboard banner show the server’s message as text', async () => {
    await dashboard();
    const statuses = [500, 422, 418, 502];
    for (const field of errorBodyFields) {
      for (let i = 0; i < corpus.length; i++) {
        const previous = api.store.state.error;
        sim.faults.next({
          kind: 'status',
          status: statuses[i % statuses.length]!,
          body: errorBody(field, payload(i, field)),
        });
        await vscode.commands.executeCommand('granite.refresh');
        const error = await until(`${field} #${i}: the error`, () =>
          api.store.state.error !== previous ? api.store.state.error : undefined,
        );
        const said = error.serverMessage ?? '';
        assert.ok(saysPayload(said, payload(i, field)), `${field} #${i}: ${said.slice(0, 80)}`);
        checkMarkdownString(api.statusBar.item.tooltip, true, [error.userMessage], `${field} #${i} status bar tooltip`);
        assert.ok(api.tree.view.message?.includes(error.userMessage), `${field} #${i}: tree message`);
        const message = await untilDrawn(`${field} #${i}: the tree message`, treeMessage, ':scope', (d) =>
          d.texts.some((t) => readable(t).includes(readable(said))),
        );
        assert.deepEqual([message.links, message.icons], [0, []], `${field} #${i}: links or icons in the tree message`);
        await until(`${field} #${i}: the dashboard banner`, async () => {
          const found = await control.evaluateInFrames<string>(
            `document.querySelector('#banner-stale .banner-text')?.textContent ?? undefined`,
          );
          return found.some((f) => f.value.includes(error.userMessage));
        });
        // Found rendered: the tree message VS Code drew shows the payload (as the client keeps it).
        coverage.mark(field, i);
      }
    }
    coverage.assertComplete('VS Code in code-server, error bodies', errorBodyFields, []);
  });

  it('hovers as VS Code renders them: Markdown, command and icon payloads in tree and status-bar tooltips draw no link or icon', async () => {
    // Round 26 names the workflows with payloads 26–49, among them every Markdown, command and codicon trick.
    sim.faults.always({ kind: 'transform', transform: (json) => poisonBatch(json, 26) });
    await refreshUntil(
      'round 26',
      () => api.store.state.batch?.sections.recent_failures?.data[0]?.execution_id === payload(26, 'execution_id'),
    );
    await vscode.commands.executeCommand('granite.workflows.focus');
    const tricky = corpus
      .map((p, i) => [p, i] as const)
      .filter(([p, i]) => ['markdown', 'command', 'codicon'].includes(p.kind) && i >= 26 && i < 50);
    assert.ok(tricky.length >= 12);
    for (const [, i] of tricky) {
      const name = payload(i, 'workflow');
      const row = `[...document.querySelectorAll(${JSON.stringify(treeRows)})].find((r) => r.textContent.startsWith(${JSON.stringify(oneLine(name))}))?.querySelector('.custom-view-tree-node-item')`;
      const hover = await renderedHover(row, name, `workflow #${i}`, 'start');
      assert.deepEqual(
        [hover.links, hover.images, hover.icons],
        [0, 0, []],
        `workflow #${i}: the hover drew a link, image or icon`,
      );
      assert.ok(
        readable(hover.text).includes(readable(name)),
        `workflow #${i}: the hover does not show the name as sent: ${JSON.stringify(hover.text.slice(0, 120))}`,
      );
    }
    sim.faults.clear();
    for (const i of [29, 35, 37, 38]) {
      sim.faults.next({ kind: 'status', status: 500, body: errorBody('detail', payload(i, 'detail')) });
      const previous = api.store.state.error;
      await refreshUntil(`error #${i}`, () => api.store.state.error !== previous && api.store.state.error);
      const hover = await renderedHover(
        `document.querySelector('[aria-label^="Granite success rate"]')`,
        payload(i, 'detail'),
        `status bar #${i}`,
        'anywhere',
      );
      // The tooltip's own `$(warning)` is the only icon.
      assert.deepEqual(
        [hover.links, hover.images, hover.icons.filter((c) => !c.includes('codicon-warning'))],
        [0, 0, []],
        `status bar #${i}: the hover drew a link, image or icon`,
      );
      assert.ok(
        readable(hover.text).includes(readable(api.store.state.error!.serverMessage!)),
        `status bar #${i}: the server's message is not shown as sent`,
      );
    }
  });

  /** Refreshes until `done` (a refresh that joins one already in flight returns that one's older answer). */
  async function refreshUntil(what: string, done: () => unknown): Promise<void> {
    await until(
      what,
      async () => {
        await vscode.commands.executeCommand('granite.refresh');
        return done();
      },
      20_000,
    );
  }

  it('Set API Key: a refusal that quotes the server shows its message as text, with no link or icon', async () => {
    let refusals = sim.requests.filter((r) => r.path === '/api/analytics/status' && r.fault === 'status:401').length;
    for (let i = 0; i < corpus.length; i++) {
      const text = payload(i, 'message');
      // Only the key check (made with the typed, wrong key) gets it, not the extension's own status requests.
      sim.faults.next(
        { kind: 'status', status: 401, body: errorBody('message', text) },
        { path: '/api/analytics/status', when: (r) => !r.apiKeyValid },
      );
      const stored = setKeyThroughTheUi(testKeys.xssTyped);
      assert.equal(await stored, false, 'a refused key is not stored');
      const shown = readable(text).slice(0, 120);
      const checks = sim.requests.filter((r) => r.path === '/api/analytics/status' && r.fault === 'status:401').length;
      assert.equal(checks, ++refusals, `#${i}: the key was checked against the poisoned 401`);
      // Read it in the notification centre: after the first toast, code-server does not always toast again.
      await vscode.commands.executeCommand('notifications.showList');
      const dom = await untilDrawn(
        `#${i}: the notification with ${JSON.stringify(shown.slice(0, 60))}`,
        notificationRows,
        ':scope',
        (d) => d.texts.some((t) => readable(t).includes(shown)),
      );
      assert.deepEqual([dom.links, dom.icons], [0, []], `#${i}: links or icons in the notification`);
      await vscode.commands.executeCommand('notifications.clearAll');
    }
    console.log(`[figure] xss notifications checked = ${corpus.length} count`);
  });
});
