/**
 * History words (src/runs/runHistory.ts): streak, ratio, last success, broken/flaky/healthy and the strip,
 * on hand-built pages and on every automation's page from the simulator (served over a real socket,
 * shuffled), with the expected words computed here from the simulator's raw executions, not with our
 * formatter. Clock, locale (en-GB) and time zone (UTC) are injected.
 */
import assert from 'node:assert/strict';
import { GraniteClient } from '../../../src/core/api/client';
import { RunsApi } from '../../../src/core/api/runsApi';
import { failureTooltip } from '../../../src/workflows/workflowText';
import {
  automationWords,
  historyLine,
  historyWords,
  sortNewestFirst,
  type HistoryRow,
} from '../../../src/runs/runHistory';
import { mulberry32 } from '../../simulator/random';
import { startSimulator, type Simulator } from '../../simulator/server';

const now = Date.UTC(2026, 10, 26, 12, 0, 0);
const options = { now, locale: 'en-GB', timeZone: 'UTC' };
const minute = 60_000;
const hour = 60 * minute;

/** Rows newest first from a compact outcome string: f failed, c completed, x cancelled, r running; one per hour. */
function rows(outcomes: string): HistoryRow[] {
  const status: Record<string, string> = { f: 'failed', c: 'completed', x: 'cancelled', r: 'running' };
  return Array.from(outcomes).map((o, i) => ({
    execution_id: `e${String(i).padStart(3, '0')}`,
    status: status[o]!,
    started_at: new Date(now - (i + 1) * hour).toISOString(),
    completed_at: o === 'r' ? null : new Date(now - (i + 1) * hour + 5 * minute).toISOString(),
  }));
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');
/** "Tue 14:05" within six days, "24 Nov, 14:05" before: written out by hand in UTC. */
function moment(ms: number): string {
  const d = new Date(ms);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  return now - ms < 6 * 24 * hour
    ? `${weekdays[d.getUTCDay()]} ${time}`
    : `${d.getUTCDate()} ${months[d.getUTCMonth()]}, ${time}`;
}
/** "just now", "12 min ago", "5 h ago", "3 days ago" (the rounding the surfaces use). */
function age(ms: number): string {
  const minutes = Math.round(Math.round((now - ms) / 1000) / 60);
  if ((now - ms) / 1000 < 44.5) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

describe('history words', () => {
  it('broken: failing in a row at the head', () => {
    const words = historyWords(rows('rffffffcfc'), options);
    assert.equal(words.kind, 'broken');
    assert.equal(words.streak, `failing since ${moment(now - 7 * hour)} (6 runs)`);
    assert.equal(words.ratio, '7 of the last 9 failed');
    assert.equal(words.lastSuccess, `last success ${age(now - 8 * hour + 5 * minute)}`);
    assert.equal(historyLine(words), [words.streak, words.ratio, words.lastSuccess].join(' · '));
  });

  it('flaky: failures scattered, or a short streak after successes; healthy: none in the last 20', () => {
    assert.equal(historyWords(rows('cfccfcxcf'), options).kind, 'flaky');
    const short = historyWords(rows('fcccc'), options);
    assert.equal(short.kind, 'flaky');
    assert.equal(short.streak, `failing since ${moment(now - hour)} (1 run)`);
    const healthy = historyWords(rows(`${'c'.repeat(20)}ffff`), options);
    assert.equal(healthy.kind, 'healthy');
    assert.equal(healthy.ratio, '0 of the last 20 failed');
    assert.equal(healthy.streak, undefined);
  });

  it('no success at all reads as broken and says so; no finished run is unknown', () => {
    const never = historyWords(rows('ff'), options);
    assert.equal(never.kind, 'broken');
    assert.equal(never.lastSuccess, 'no success in the last 2 runs');
    const none = historyWords(rows('rr'), options);
    assert.equal(none.kind, 'unknown');
    assert.equal(none.streak, undefined);
    assert.equal(historyWords([], options).kind, 'unknown');
    assert.equal(historyWords(rows('f'), options).ratio, 'the only finished run failed');
  });

  it('sorted by started_at whatever the order sent; the strip is oldest first, at most 50', () => {
    const page = rows(`f${'c'.repeat(59)}`);
    const shuffled = [...page].sort((a, b) => (a.execution_id.slice(-1) < b.execution_id.slice(-1) ? -1 : 1));
    const words = historyWords(shuffled, options);
    assert.equal(words.strip.length, 50);
    assert.deepEqual(
      words.strip.map((s) => s.executionId),
      page
        .slice(0, 50)
        .reverse()
        .map((e) => e.execution_id),
    );
    assert.equal(words.streak, `failing since ${moment(now - hour)} (1 run)`);
    assert.deepEqual(sortNewestFirst(shuffled), page);
  });

  it('a streak older than six days is named by its date', () => {
    const old = rows('ff').map((r, i) => ({ ...r, started_at: new Date(now - (8 + i) * 24 * hour).toISOString() }));
    assert.equal(historyWords(old, options).streak, `failing since ${moment(now - 9 * 24 * hour)} (2 runs)`);
  });
});

describe('history words in a failure tooltip', () => {
  const failure = {
    execution_id: 'e1',
    run_id: 'auto-1',
    workflow_name: 'Invoice Intake',
    error_category: 'timeout',
    error_message: 'Timed out',
    triggered_by: 'manual',
    started_at: '2026-11-26T10:00:00Z',
    duration_ms: 1000,
  };
  it('the same words as the run view, once known; none before', () => {
    const words = historyWords(rows('fffc'), options);
    // Markdown escapes removed: what the reader sees.
    const text = failureTooltip(failure, 'en-GB', words).value.replace(/\\(.)/g, '$1');
    assert.ok(text.includes(`This automation: failing since ${moment(now - 3 * hour)} (3 runs)`), text);
    assert.ok(text.includes('3 of the last 4 failed'), text);
    assert.ok(!failureTooltip(failure, 'en-GB').value.includes('This automation'));
  });

  it("the dashboard's rows: the line per automation whose words are held, nothing for the others", () => {
    const words = historyWords(rows('ffc'), options);
    const held = new Map([['auto-1', words]]);
    const byRun = automationWords([failure, { ...failure, run_id: 'auto-2' }, failure], {
      wordsFor: (runId) => held.get(runId),
    });
    assert.deepEqual(byRun, { 'auto-1': `This automation: ${historyLine(words)}` });
    assert.equal(automationWords([{ run_id: 'auto-2' }], { wordsFor: () => undefined }), undefined);
  });

  it('a timestamp the streak cannot read is quoted as text, never as markup', () => {
    const hostile = rows('ff').map((r) => ({ ...r, started_at: '<img src=x onerror=alert(1)>[x](command:y)' }));
    const text = failureTooltip(failure, 'en-GB', historyWords(hostile, options)).value;
    assert.ok(!/(^|[^\\])</.test(text), text);
    assert.ok(!/[^\\]\]\(command/.test(text), text);
    assert.ok(
      text.replace(/\\(.)/g, '$1').includes('failing since <img src=x onerror=alert(1)>[x](command:y) (2 runs)'),
    );
  });
});

describe('history words on the simulator', function () {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ seed: 23, workflows: 9, days: 12, executions: 1200, clock: { now: () => now } });
  });
  after(async () => sim.stop());

  it("every automation's page, shuffled: the words equal those counted from the raw executions", async () => {
    const api = new RunsApi(new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: () => now }));
    const random = mulberry32(5);
    const kinds = new Set<string>();
    for (const def of sim.dataset.workflows) {
      const { data } = await api.fetchHistory(sim.orgId, def.run_id, { limit: 50 });
      const shuffled = [...data.executions].sort(() => random() - 0.5);
      const words = historyWords(shuffled, options);

      const raw = sim.dataset.executions
        .filter((e) => e.run_id === def.run_id)
        .sort((a, b) => b.started_at_ms - a.started_at_ms)
        .slice(0, 50);
      const finished = raw.filter((e) => e.status !== 'running' && e.status !== 'pending');
      let streak = 0;
      while (streak < finished.length && finished[streak]!.status === 'failed') streak++;
      const recent = finished.slice(0, 20);
      const failed = recent.filter((e) => e.status === 'failed').length;
      const success = finished.find((e) => e.status === 'completed');
      assert.equal(words.ratio, `${failed} of the last ${recent.length} failed`, def.run_id);
      assert.equal(
        words.streak,
        streak === 0
          ? undefined
          : `failing since ${moment(finished[streak - 1]!.started_at_ms)} (${streak} ${streak === 1 ? 'run' : 'runs'})`,
      );
      assert.equal(
        words.lastSuccess,
        success ? `last success ${age(success.completed_at_ms!)}` : `no success in the last ${finished.length} runs`,
      );
      const kind = failed === 0 ? 'healthy' : streak >= 3 || (streak > 0 && !success) ? 'broken' : 'flaky';
      assert.equal(words.kind, kind, def.run_id);
      kinds.add(kind);
      assert.deepEqual(
        words.strip.map((s) => s.executionId),
        raw.map((e) => e.execution_id).reverse(),
      );
    }
    assert.ok(kinds.size >= 2, `the dataset shows more than one kind (${[...kinds].join(', ')})`);
  });
});
