/**
 * Right-to-left workflow names in a real VS Code (code-server): a second simulator serves a dataset whose
 * busiest workflows have an Arabic and a Hebrew name. In each tree row VS Code drew, the glyph boxes
 * (Range.getClientRects) show the whole name left of its rate and the rate left of its run count, with
 * the figures worked out from the simulator's counts; the name is copied exactly as sent.
 * Screenshot: test-artifacts/screenshots/sidebar-rtl.png.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import type { GraniteTestApi } from '../../src/extension';
import type { WorkflowItem } from '../../src/workflows/workflowItem.vscode';
import { freshData, switchOrigin } from '../reliability/vscode/session';
import { arabicName, hebrewName, rightToLeftDataset } from '../simulator/rightToLeft';
import { startSimulator, type Simulator } from '../simulator/server';
import { assertLeftOf, glyphBoxesSource, type Box } from '../webview/glyphBoxes';
import { control } from './control';
import { plainText, until, withWorkflowsShown } from './simulatorSession';
import { testKeys } from './testKeys';

/** A tree row as VS Code drew it: the label container's text, and glyph boxes of `parts` in it. */
async function treeRow(
  name: string,
  parts: string[] = [],
): Promise<{ text: string; boxes: (Box | null)[] } | undefined> {
  const expression = `(() => {
    const row = [...document.querySelectorAll('.customview-tree .monaco-list-row')]
      .find((r) => r.querySelector('.label-name')?.textContent.includes(${JSON.stringify(name)}));
    const label = row?.querySelector('.monaco-icon-label-container');
    if (!label) return undefined;
    return { text: label.textContent, boxes: (${glyphBoxesSource})(label, ${JSON.stringify(parts)}) };
  })()`;
  return (await control.evaluateInFrames<{ text: string; boxes: (Box | null)[] }>(expression))[0]?.value;
}

describe('right-to-left workflow names in VS Code', function () {
  this.timeout(120_000);
  let api: GraniteTestApi;
  let rtl: Simulator;
  let restore: (() => Promise<void>) | undefined;

  before(async () => {
    assert.ok(control.available, 'this suite reads the workbench: run it with npm run test:integration');
    let sim: Simulator;
    ({ sim, api } = await withWorkflowsShown());
    await vscode.commands.executeCommand('granite.clearFilters');
    rtl = await startSimulator({ dataset: rightToLeftDataset(7), apiKey: testKeys.rightToLeft, quota: 100_000 });
    restore = await switchOrigin(api, sim, rtl.url, rtl.apiKey);
    await freshData(api, rtl);
  });

  after(async () => {
    await restore?.();
    await rtl?.stop();
  });

  /** What the simulator answers to exactly the batch the extension asked for last. */
  async function answered(): Promise<BatchedAnalyticsResponse> {
    const last = [...rtl.requests].reverse().find((r) => r.path === '/api/analytics/batch' && r.status === 200);
    assert.ok(last, 'the extension asked the right-to-left simulator for a batch');
    const response = await fetch(`${rtl.url}/api/analytics/batch`, {
      method: 'POST',
      headers: { 'X-Granite-API-Key': rtl.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify(last.body),
    });
    return (await response.json()) as BatchedAnalyticsResponse;
  }

  it('draws each tree row as the whole name, then its rate, then its run count', async () => {
    const expected = await answered();
    await vscode.commands.executeCommand('granite.workflows.focus');
    for (const name of [arabicName, hebrewName]) {
      const top = expected.top_automations.data.find((t) => t.workflow_name === name);
      assert.ok(top, `${name} is one of the simulator's top automations`);
      const item = api.tree.getChildren().find((i) => 'row' in i && i.row.name === name) as WorkflowItem | undefined;
      assert.ok(item, `${name} is in the tree`);
      assert.equal(item.label, `\u2068${name}\u2069`, 'the label isolates the name');
      assert.ok(plainText(item.tooltip).startsWith(`**\u2068${name}\u2069**`), 'so does the tooltip');
      await api.tree.view.reveal(item, { select: false, focus: false });
      const drawn = await until(`${name}'s row drawn`, () => treeRow(name));
      // The figures as drawn, checked against the simulator's counts (not against our formatter).
      const rate = /(\d+(?:\.\d+)?)\s?%/.exec(drawn.text);
      const runs = /([\d,]+) runs?\b/.exec(drawn.text);
      assert.ok(rate && runs, `rate and runs in ${JSON.stringify(drawn.text)}`);
      assert.ok(
        Math.abs(Number(rate[1]) - (top.completed / top.executions) * 100) <= 0.0501,
        `${rate[0]} for ${top.completed} of ${top.executions}`,
      );
      assert.equal(Number(runs[1]!.replace(/,/g, '')), top.executions);
      const [shownName, shownRate, shownRuns] = (await treeRow(name, [name, rate[0], runs[0]]))!.boxes;
      console.log(
        `[figure] ${name === arabicName ? 'Arabic' : 'Hebrew'} tree row: name ${shownName?.left.toFixed(0)}–${shownName?.right.toFixed(0)} px, rate ${shownRate?.left.toFixed(0)}–${shownRate?.right.toFixed(0)} px, runs ${shownRuns?.left.toFixed(0)}–${shownRuns?.right.toFixed(0)} px`,
      );
      assertLeftOf(shownName, shownRate, `${name}: the name before its rate`);
      assertLeftOf(shownRate, shownRuns, `${name}: the rate before its run count`);
    }
    const file = await control.screenshot('sidebar-rtl');
    assert.ok(file !== undefined && existsSync(file), 'the screenshot was written');
  });

  it('copies the name exactly as sent, without the isolate', async () => {
    await control.grantClipboard();
    for (const name of [arabicName, hebrewName]) {
      const item = api.tree.getChildren().find((i) => 'row' in i && i.row.name === name);
      await vscode.commands.executeCommand('granite.copyWorkflowName', item);
      assert.equal(await vscode.env.clipboard.readText(), name);
    }
  });
});
