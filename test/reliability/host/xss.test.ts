/**
 * The XSS corpus in every string field of a real simulator batch (and in Granite's error bodies, over a
 * real socket), put through exactly the functions that build what VS Code shows: tree labels,
 * descriptions and tooltips, the status bar's tooltip and messages, quick picks, notifications, the run
 * details document and CSV exports. Each surface is read the way VS Code reads it (surfaceModel.ts):
 * the payload must come out as literal text, with no link, icon, HTML or formula formed from it.
 */
import assert from 'node:assert/strict';
import { GraniteClient } from '../../../src/core/api/client';
import { GraniteError } from '../../../src/core/api/errors';
import { parseBatch } from '../../../src/core/api/parseBatch';
import type { BatchedAnalyticsResponse } from '../../../src/core/api/schemas';
import { toCsv } from '../../../src/core/csv';
import { defaultFilters, toRequestFilters } from '../../../src/filters/filters';
import { firstLine, humanizeCategory, triggerLabel } from '../../../src/core/format';
import { oneLine, type SafeMarkdown } from '../../../src/core/escaping';
import { renderRun } from '../../../src/runs/runDocument';
import { statusTooltip } from '../../../src/statusBar/statusBarText';
import {
  copiedMessage,
  failureDescription,
  failureLabel,
  failurePick,
  failureTooltip,
  keyNotSavedMessage,
  workflowLabel,
  workflowPickLabel,
  workflowTooltip,
} from '../../../src/workflows/workflowText';
import { buildWorkflowRows } from '../../../src/workflows/workflowHealth';
import { startSimulator, type Simulator } from '../../simulator/server';
import {
  bidiOpenAtEnd,
  iconLabel,
  isFormula,
  markdownHazards,
  markdownView,
  notificationLinks,
  parseCsv,
  readable,
} from '../surfaceModel';
import {
  corpus,
  errorBody,
  errorBodyFields,
  payload,
  poisonBatch,
  reportFigure,
  requiredKinds,
  stringFields,
  type StringField,
} from '../xssCorpus';

const now = Date.UTC(2026, 10, 26, 12, 0, 0);

/** Which payloads each field has been checked with, so the figure counts what really ran. */
const covered = new Map<string, Set<number>>();
const indexes = new Map<string, Map<string, number>>();
function mark(field: string, tag: string, value: string): void {
  if (!indexes.has(tag)) indexes.set(tag, new Map(corpus.map((_, i) => [payload(i, tag), i])));
  const index = indexes.get(tag)!.get(value) ?? -1;
  assert.ok(index >= 0, `${field}: ${JSON.stringify(value).slice(0, 80)} is not a corpus payload`);
  const set = covered.get(field) ?? new Set<number>();
  set.add(index);
  covered.set(field, set);
}

/** A hover: no link, autolink, HTML or entity can form; no icon but our own; every expected text reads as sent. */
function checkMarkdown(md: SafeMarkdown, expected: (string | undefined)[], where: string): void {
  assert.deepEqual(markdownHazards(md.value), [], `${where}: ${JSON.stringify(md.value).slice(0, 200)}`);
  const view = markdownView(md.value, md.themeIcons);
  assert.ok(!bidiOpenAtEnd(view.visible), `${where}: a bidi override leaks past the API text`);
  assert.ok(
    view.icons.every((icon) => icon === 'warning') && view.icons.length <= 1,
    `${where}: icons ${view.icons.join()}`,
  );
  for (const text of expected)
    if (text !== undefined)
      assert.ok(
        readable(view.visible).includes(readable(text)),
        `${where}: ${JSON.stringify(text).slice(0, 80)} not shown literally`,
      );
}

/** Status-bar text and quick-pick items: no `$(icon)` renders; the text reads as sent. */
function checkIconText(text: string, expected: string, where: string): void {
  const view = iconLabel(text);
  assert.deepEqual(view.icons, [], `${where}: ${text.slice(0, 120)}`);
  assert.ok(!bidiOpenAtEnd(text), `${where}: a bidi override leaks past the API text`);
  assert.ok(
    readable(view.visible).includes(readable(expected)),
    `${where}: ${JSON.stringify(expected).slice(0, 80)} not shown literally`,
  );
}

/** Notifications: no link (command:, https:, file:) and no icon; the text reads as sent. */
function checkNotification(text: string, expected: string, where: string): void {
  assert.deepEqual(notificationLinks(text), [], `${where}: ${text.slice(0, 120)}`);
  checkIconText(text, expected, where);
}

/** Tree labels and descriptions: one line, exactly the surface's one-line form of the text. */
function checkLabel(label: string, expected: string, where: string): void {
  assert.ok(label.includes(oneLine(expected)), `${where}: ${JSON.stringify(label).slice(0, 120)}`);
  assert.ok(!bidiOpenAtEnd(label), `${where}: a bidi override leaks past the API text`);
}

describe('XSS corpus on VS Code surfaces (host)', function () {
  let sim: Simulator;
  let batchJson: unknown;
  const rounds: BatchedAnalyticsResponse[] = [];

  before(async () => {
    // A fixed clock: the same dataset (and so the same lists to poison) on every run.
    sim = await startSimulator({ seed: 42, workflows: 24, days: 30, executions: 4000, clock: { now: () => now } });
    const response = await fetch(`${sim.url}/api/analytics/batch`, {
      method: 'POST',
      headers: { 'X-Granite-API-Key': sim.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify(toRequestFilters(defaultFilters('30d'), now)),
    });
    batchJson = await response.json();
    // Round r gives the first item of every list payload r in each field (see poisonBatch).
    for (let r = 0; r < corpus.length; r++) {
      const outcome = parseBatch(poisonBatch(batchJson, r));
      assert.ok(
        outcome.ok && outcome.batch.problems.length === 0,
        `round ${r}: the poisoned batch must still validate`,
      );
      rounds.push(outcome.batch.sections as BatchedAnalyticsResponse);
    }
  });

  after(async () => {
    await sim?.stop();
    const full = [...covered.values()].filter((set) => set.size === corpus.length).length;
    if (full) reportFigure('host: tree, status bar, quick picks, notifications, run details, CSV', full);
  });

  /** Each test ends by proving its fields met every payload. */
  const assertCovered = (...fields: string[]) => {
    for (const field of fields)
      assert.equal(covered.get(field)?.size, corpus.length, `${field} was not checked with every payload`);
  };

  it('the corpus has at least 40 payloads, of every kind the issue lists', () => {
    assert.ok(corpus.length >= 40, `${corpus.length} payloads`);
    for (const kind of requiredKinds)
      assert.ok(
        corpus.some((p) => p.kind === kind),
        `no ${kind} payload`,
      );
    const all = corpus.map((p) => p.text).join('\n');
    for (const trick of [
      '<script>',
      'onerror=',
      'onload=',
      'javascript:',
      'data:text/html',
      'command:workbench.action',
      '](command:',
      '![',
      '<https://',
      '$(alert)',
      '$(sync~spin)',
      '\u202E',
      '\u200B',
      '\u2060',
      '\r\n',
      '${',
      '=HYPERLINK',
    ])
      assert.ok(all.includes(trick), `no payload with ${JSON.stringify(trick)}`);
    assert.ok(
      corpus.some((p) => p.text.length > 5000),
      'no very long payload',
    );
    assert.equal(new Set(corpus.map((p) => p.text)).size, corpus.length, 'payloads are distinct');
  });

  it('tree: workflow labels and tooltips, failure labels, descriptions and tooltips', () => {
    for (const sections of rounds) {
      const rows = buildWorkflowRows(sections, { thresholds: { warning: 95, error: 80 }, sort: 'name' });
      assert.ok(rows.length > 0);
      for (const row of rows) {
        checkLabel(workflowLabel(row), row.name, 'workflow label');
        checkMarkdown(workflowTooltip(row), [row.name, row.lastExecution], 'workflow tooltip');
        if (sections.workflows.includes(row.name)) mark('workflows', 'workflow', row.name);
        if (row.lastExecution) mark('last_execution', 'last_execution', row.lastExecution);
      }
      for (const f of sections.recent_failures.data) {
        const label = failureLabel(f, now);
        checkLabel(label, f.started_at, 'failure label');
        checkLabel(label, humanizeCategory(f.error_category), 'failure label');
        assert.equal(failureDescription(f), oneLine(firstLine(f.error_message)));
        checkLabel(failureDescription(f), firstLine(f.error_message), 'failure description');
        checkMarkdown(
          failureTooltip(f),
          [
            humanizeCategory(f.error_category),
            f.started_at,
            triggerLabel(f.triggered_by),
            f.error_message ?? undefined,
          ],
          'failure tooltip',
        );
        mark('started_at', 'started_at', f.started_at);
        mark('error_category', 'error_category', f.error_category);
        mark('triggered_by', 'triggered_by', f.triggered_by);
        if (f.error_message != null) mark('error_message', 'error_message', f.error_message);
      }
    }
    assertCovered('workflows', 'last_execution', 'started_at', 'error_category', 'triggered_by', 'error_message');
  });

  it('status bar: copy messages show ids and names as text, the tooltip shows API strings as text', () => {
    for (const sections of rounds) {
      for (const f of sections.recent_failures.data) {
        checkIconText(copiedMessage('executionId', f.execution_id), f.execution_id, 'status bar message');
        mark('execution_id', 'execution_id', f.execution_id);
      }
      for (const name of sections.workflows)
        checkIconText(copiedMessage('workflowName', name), name, 'status bar message');
    }
    assertCovered('execution_id');
    corpus.forEach((_, i) => {
      const [organization, disabled, error] = ['organization', 'analyticsDisabled', 'error'].map((f) => payload(i, f));
      const md = statusTooltip({
        organization,
        analyticsDisabled: disabled,
        error,
        filtered: false,
        range: 'Last 7 days',
        fromCache: false,
        now,
        key: { present: true, source: 'environment' },
      });
      checkMarkdown(md, [organization, disabled, error], 'status tooltip');
    });
  });

  it('quick picks: Open Run items and workflow names render no icon', () => {
    for (const sections of rounds) {
      for (const f of sections.recent_failures.data) {
        const item = failurePick(f);
        checkIconText(item.label, f.workflow_name, 'pick label');
        checkIconText(item.label, humanizeCategory(f.error_category), 'pick label');
        checkIconText(item.description, f.started_at, 'pick description');
        checkIconText(item.detail, firstLine(f.error_message), 'pick detail');
        mark('workflow_name', 'workflow', f.workflow_name);
      }
      for (const name of sections.workflows) checkIconText(workflowPickLabel(name), name, 'workflow pick');
    }
    assertCovered('workflow_name');
  });

  it('run details: the document has every field exactly as sent', () => {
    for (const sections of rounds) {
      for (const f of sections.recent_failures.data) {
        const text = renderRun({ ids: { executionId: f.execution_id, runId: f.run_id }, failure: f });
        for (const value of [
          f.workflow_name,
          f.started_at,
          f.error_category,
          triggerLabel(f.triggered_by),
          f.execution_id,
          f.run_id,
          f.error_message ?? '(none)',
        ]) {
          assert.ok(text.includes(value), `run details lack ${JSON.stringify(value).slice(0, 80)}`);
        }
        mark('run_id', 'run_id', f.run_id);
      }
    }
    assertCovered('run_id');
  });

  it('CSV: every field of every round exports as text, never as a formula', () => {
    const valueOf = (sections: BatchedAnalyticsResponse): Record<StringField, string> => {
      const f = sections.recent_failures.data[0]!;
      const breakdown = sections.failure_breakdown.data[0]!;
      const endpoint = sections.endpoint_usage.data[0]!;
      return {
        workflow_name: f.workflow_name,
        workflows: sections.workflows[0]!,
        error_message: sections.recent_failures.data.find((x) => x.error_message != null)!.error_message!,
        error_category: f.error_category,
        category: breakdown.category,
        sample_messages: breakdown.sample_messages[0]!,
        trigger_type: sections.trigger_distribution.data[0]!.trigger_type,
        triggered_by: f.triggered_by,
        endpoint_slug: endpoint.endpoint_slug,
        http_method: endpoint.http_method,
        time: sections.executions_over_time.data[0]!.time,
        started_at: f.started_at,
        last_execution: sections.top_automations.data[0]!.last_execution,
        run_id: f.run_id,
        execution_id: f.execution_id,
        granularity: sections.executions_over_time.granularity,
        sort_by: sections.top_automations.sort_by,
      };
    };
    rounds.forEach((sections, r) => {
      const values = valueOf(sections);
      const [header, row] = parseCsv(toCsv([[...stringFields], stringFields.map((f) => values[f])]));
      assert.deepEqual(header, [...stringFields]);
      stringFields.forEach((field, i) => {
        const value = values[field];
        const cell = row![i]!;
        assert.ok(!isFormula(cell), `round ${r}, ${field}: ${JSON.stringify(cell).slice(0, 60)} starts a formula`);
        assert.equal(cell, isFormula(value) ? `'${value}` : value, `round ${r}, ${field}: not exported literally`);
        mark(field, field === 'workflows' || field === 'workflow_name' ? 'workflow' : field, value);
      });
    });
    assertCovered(...stringFields);
  });

  it('error bodies: the server’s message reaches the status tooltip and notifications as text', async () => {
    const client = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey });
    const statuses = [500, 401, 403, 404, 422, 400, 418];
    for (const field of errorBodyFields) {
      for (let i = 0; i < corpus.length; i++) {
        const text = payload(i, field);
        sim.faults.next({ kind: 'status', status: statuses[i % statuses.length]!, body: errorBody(field, text) });
        const error = await client.fetchBatch({}).then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(error instanceof GraniteError && error.serverMessage, `${field} #${i}: ${String(error)}`);
        // The client keeps one line of at most 300 characters; the FastAPI shape is prefixed with its location.
        const said = error.serverMessage.replace(/^granularity: /, '').replace(/…$/, '');
        assert.ok(readable(text).startsWith(readable(said)) && said.length > 0, `${field} #${i}: ${said.slice(0, 80)}`);
        assert.ok(error.userMessage.includes(error.serverMessage));
        checkMarkdown(
          statusTooltip({ error: error.userMessage, filtered: false, range: 'Last 7 days', fromCache: false, now }),
          [error.serverMessage],
          `${field} #${i} tooltip`,
        );
        checkNotification(
          keyNotSavedMessage(error.needsCredentials, sim.url, error.userMessage),
          error.serverMessage,
          `${field} #${i} notification`,
        );
        covered.set(field, (covered.get(field) ?? new Set()).add(i));
      }
    }
    assertCovered(...errorBodyFields);
  });
});
