/**
 * Right-to-left API text on every surface: isolated (U+2068 … U+2069) wherever it sits next to figures or
 * other text, so the bidi algorithm cannot pull `87.5% · 8 runs` into an Arabic name's run; kept exactly
 * as sent where it is data (language-model answers, CSV) and in the run document, whose editor draws
 * isolates as `[U+2068]` (there a right-to-left value ends its line instead).
 */
import assert from 'node:assert/strict';
import { parseBatch } from '../../../src/core/api/parseBatch';
import type { RecentFailureItem } from '../../../src/core/api/schemas';
import { toCsv } from '../../../src/core/csv';
import type { FilterState } from '../../../src/filters/filters';
import {
  inertIcons,
  inertLinkedText,
  inertMarkdown,
  isolateBidi,
  needsIsolation,
  oneLine,
} from '../../../src/core/escaping';
import { failuresText, summaryText } from '../../../src/chatTools/toolText';
import { renderRun } from '../../../src/runs/runDocument';
import { statusTooltip } from '../../../src/statusBar/statusBarText';
import {
  copiedMessage,
  failureLabel,
  failurePick,
  failureTooltip,
  keyNotSavedMessage,
  workflowLabel,
  workflowPickLabel,
  workflowTooltip,
} from '../../../src/workflows/workflowText';
import type { WorkflowRow } from '../../../src/workflows/workflowHealth';
import { aBatch } from '../builders/batchBuilder';

const fsi = '\u2068';
const pdi = '\u2069';
const arabic = 'تقرير المبيعات الأسبوعي';
const hebrew = 'דוח מכירות שבועי';
const isolated = (text: string) => `${fsi}${text}${pdi}`;

/** One sample per right-to-left script or block the check covers. */
const rightToLeft: Record<string, string> = {
  Hebrew: hebrew,
  Arabic: arabic,
  'Arabic Supplement': 'ݐ',
  'Arabic Extended-A': 'ࢠ',
  Syriac: 'ܫܠܡܐ',
  Thaana: 'ދިވެހި',
  "N'Ko": 'ߒߞߏ',
  Samaritan: 'ࠀࠁ',
  Mandaic: 'ࡀࡁ',
  'Hebrew presentation forms': 'שׁ',
  'Arabic presentation forms A': 'ﷲ',
  'Arabic presentation forms B': 'ﻻ',
  'Imperial Aramaic (U+10840)': '\u{10840}',
  'Adlam (U+1E900)': '\u{1E900}',
  'Latin with one Arabic word': 'Report تقرير 2026',
};
const leftToRight: Record<string, string> = {
  Latin: 'Invoice Intake',
  Greek: 'Τιμολόγια',
  Cyrillic: 'Счета',
  CJK: '請求書の取り込み',
  Devanagari: 'चालान',
  digits: '2026 · 87.5%',
  emoji: 'Payroll 💸',
  empty: '',
};

const row = (name: string): WorkflowRow => ({
  name,
  coverage: 'covered',
  executions: 8,
  completed: 7,
  failures: 1,
  successRate: 87.5,
  recentFailures: [],
  health: 'warning',
});
const failure = (name: string, category = 'timeout'): RecentFailureItem => ({
  execution_id: 'exec_1',
  run_id: 'run_1',
  workflow_name: name,
  error_category: category,
  error_message: 'Timed out',
  triggered_by: 'manual',
  started_at: '2026-11-26T10:00:00Z',
  duration_ms: 1200,
});

describe('right-to-left API text', () => {
  it('is isolated whenever it has a letter of a right-to-left script, whatever the block', () => {
    for (const [script, text] of Object.entries(rightToLeft)) {
      assert.equal(needsIsolation(text), true, script);
      assert.equal(isolateBidi(text), isolated(text), script);
    }
  });

  it('leaves left-to-right text of every other script unchanged', () => {
    for (const [script, text] of Object.entries(leftToRight)) {
      assert.equal(needsIsolation(text), false, script);
      assert.equal(isolateBidi(text), text, script);
    }
  });

  it('each escaper isolates it and still escapes what it escapes', () => {
    assert.equal(oneLine(` ${arabic}\n`), isolated(arabic));
    assert.equal(inertIcons(`$(alert) ${hebrew}`), isolated(`\\$(alert) ${hebrew}`));
    assert.equal(inertLinkedText(`[${arabic}](command:x)`), isolated(`[${arabic}]\u200b(command:x)`));
    assert.equal(inertMarkdown(`${hebrew}.`), isolated(`${hebrew}\\.`));
  });

  it('tree label and tooltip, quick picks, copied message: the name alone inside the isolate', () => {
    for (const name of [arabic, hebrew]) {
      assert.equal(workflowLabel(row(name)), isolated(name));
      assert.ok(workflowTooltip(row(name)).value.startsWith(`**${isolated(name)}**`));
      assert.equal(workflowPickLabel(name), isolated(name));
      assert.equal(copiedMessage('workflowName', name), `Copied ${isolated(name)}`);
      // Name and category are isolated apart: the separator between them is outside both.
      assert.equal(failurePick(failure(name, 'انتهت المهلة')).label, `${isolated(name)} · ${isolated('انتهت المهلة')}`);
      assert.ok(
        failureLabel(failure(name, hebrew), Date.parse('2026-11-26T10:05:00Z')).endsWith(` · ${isolated(hebrew)}`),
      );
    }
  });

  it('a right-to-left trigger or time in the failure tooltip is isolated from the duration after it', () => {
    const f = { ...failure(arabic), triggered_by: 'يدوي' };
    assert.ok(failureTooltip(f).value.includes(`${isolated('يدوي')} · `), failureTooltip(f).value);
  });

  it('the status-bar tooltip isolates each pinned name that is not yet included, and the organisation', () => {
    const summary = {
      total_executions: 8,
      completed: 7,
      total_failures: 1,
      success_rate: 87.5,
      avg_duration_ms: 1000,
      active_today: 1,
      total_tokens: 0,
    };
    const md = statusTooltip({
      summary,
      organization: 'شركة',
      rate: 87.5,
      filtered: false,
      range: 'Last 7 days',
      fromCache: false,
      now: 0,
      pinned: { completed: 7, executions: 8, included: [], missing: [arabic, hebrew] },
      overallRate: 87.5,
    });
    assert.ok(md.value.includes(`— ${isolated('شركة')}`), md.value);
    assert.ok(md.value.includes(`${isolated(arabic)}, ${isolated(hebrew)}`), md.value);
  });

  it('a server message quoted in a notification keeps the sentence left-to-right', () => {
    const text = keyNotSavedMessage(true, 'https://granite.example', isolateBidi('المفتاح غير صالح'));
    // The sentence is English: the outer isolate's first strong letter is "T", the inner one stays whole.
    assert.ok(text.startsWith(`${fsi}The key was refused`), text);
    assert.ok(text.includes(isolated('المفتاح غير صالح')), text);
  });

  it('the run document shows names exactly as sent, with right-to-left values at the end of their line', () => {
    const f = { ...failure(arabic, 'انتهت_المهلة'), started_at: 'أمس' };
    const text = renderRun({ ids: { executionId: f.execution_id, runId: f.run_id }, failure: f }, 'en');
    assert.ok(!/[\u2066-\u2069]/.test(text), 'no isolate (the editor would draw it as [U+2068])');
    const lines = text.split('\n');
    for (const value of [arabic, 'انتهت_المهلة', 'أمس']) {
      const line = lines.find((l) => l.includes(value));
      assert.ok(line?.endsWith(value), `${value} ends its line: ${line}`);
    }
    // Left-to-right values keep the readable form with the value as sent after it.
    assert.ok(
      renderRun({ ids: { executionId: 'e', runId: 'r' }, failure: failure('Invoice Intake') }, 'en').includes(
        'Timeout (timeout)',
      ),
    );
  });

  it('language-model answers and CSV exports keep the names exactly as sent', () => {
    const top = [arabic, hebrew].map((name, i) => ({
      workflow_name: name,
      executions: 8,
      completed: 7 - i,
      failures: 1 + i,
      success_rate: ((7 - i) / 8) * 100,
      avg_duration_ms: 1000,
      last_execution: '2026-11-26T10:00:00Z',
    }));
    const outcome = parseBatch(
      aBatch()
        .section('top_automations', { data: top, sort_by: 'executions' })
        .section('workflow_complexity', { data: [] })
        .build(),
    );
    assert.ok(outcome.ok);
    const now = Date.parse('2026-11-26T12:00:00Z');
    const filters: FilterState = { range: { kind: 'preset', preset: '7d' }, granularity: 'auto' };
    const context = { filters, fetchedAt: now, now, limit: 5, locale: 'en', thresholds: { warning: 95, error: 80 } };
    const summary = summaryText(outcome.batch, context);
    const oneWorkflow = failuresText(outcome.batch, { ...context, filters: { ...filters, workflow: hebrew } });
    for (const text of [summary, oneWorkflow])
      assert.ok(!/[\u2066-\u2069]/.test(text), 'no isolate in a model’s answer');
    for (const name of [arabic, hebrew])
      assert.ok(summary.includes(`- "${name}": success rate`), `${name} quoted as sent`);
    assert.ok(oneWorkflow.includes(`workflow: "${hebrew}";`), oneWorkflow);
    assert.equal(toCsv([['Workflow'], [arabic], [hebrew]]), `Workflow\r\n${arabic}\r\n${hebrew}\r\n`);
  });
});
