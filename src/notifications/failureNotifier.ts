/**
 * New-failure notifications (`granite.notifications.newFailures`). After a scheduled refresh with the same
 * filters as the last load in this window, failures newer than the newest seen raise one notification at
 * most. The first load after start-up and the first after a filter change only update the memory, so old
 * failures never notify. The memory persists in globalState per connection and filters, so a reload does
 * not repeat what was already announced.
 */
import type { GraniteConfig } from '../config/configuration';
import { Disposable } from '../core/disposable';
import { Emitter } from '../core/emitter';
import { filterKey } from '../filters/filters';
import { inertLinkedText, oneLine } from '../core/escaping';
import { t } from '../core/l10n';
import type { Memento } from '../core/memento';
import type { PinnedWorkflows } from '../pins/pins.vscode';
import type { AnalyticsStore } from '../store/store';
import type { LoadEvent } from '../store/storeState';
import { detectNewFailures, sanitizeSeen, type SeenFailures } from './seenFailures';

const storageKey = 'granite.seenFailures';
const maxEntries = 20;

export interface FailureNotifierDeps {
  store: AnalyticsStore;
  pins: Pick<PinnedWorkflows, 'set'>;
  config: () => GraniteConfig;
  state: Memento;
  /** The connection the memory belongs to (origin or environment). */
  slot: () => string;
  openRun: (executionId: string) => unknown;
  showAll: () => unknown;
  /** Shows the notification with these actions; resolves to the one chosen (`window.showWarningMessage`). */
  showWarning: (text: string, ...actions: string[]) => PromiseLike<string | undefined>;
  /** "Don't Show Again": sets `granite.notifications.newFailures` to off for the user. */
  turnOff: () => PromiseLike<unknown>;
}

export class FailureNotifier extends Disposable {
  /** Filters of the last load seen in this window: only a scheduled refresh of the same may notify. */
  private lastLoadKey?: string;
  private readonly notifyEmitter = this.register(new Emitter<string>());
  /** Fires with the text of each notification as it is shown (tests listen; nothing is kept). */
  readonly onDidNotify = this.notifyEmitter.event;

  /** Created on the first successful load, then told about each one. */
  constructor(private readonly deps: FailureNotifierDeps) {
    super();
  }

  /** The connection changed: the next load starts afresh. */
  reset(): void {
    this.lastLoadKey = undefined;
  }

  afterLoad(event: LoadEvent): void {
    const mode = this.deps.config().newFailureNotifications;
    const section = event.batch.sections.recent_failures;
    const memoryKey = `${this.deps.slot()}|${event.filterKey}`;
    const sameFilters = this.lastLoadKey === event.filterKey;
    this.lastLoadKey = event.filterKey;
    if (!section || event.filterKey !== filterKey(this.deps.store.state.filters)) return;
    const memory = this.read();
    const seen = sameFilters && event.source === 'scheduled' ? memory[memoryKey] : undefined;
    const found = detectNewFailures(seen, section.data, section.total);
    // Without a memory for these filters (first load ever), start one; otherwise keep the newest seen.
    memory[memoryKey] = seen
      ? found.next
      : found.next.newestAt >= (memory[memoryKey]?.newestAt ?? 0)
        ? found.next
        : memory[memoryKey]!;
    this.write(memory, memoryKey);
    if (mode === 'off' || found.count === 0) return;
    const pinned = this.deps.pins.set();
    const failures = mode === 'pinned' ? found.failures.filter((f) => pinned.has(f.workflow_name)) : found.failures;
    if (failures.length === 0) return;
    const count = mode === 'pinned' ? failures.length : found.count;
    void this.notify(
      count,
      failures.map((f) => f.workflow_name),
      failures[0]!.execution_id,
    );
  }

  private async notify(count: number, workflows: string[], newestId: string): Promise<void> {
    const names = [...new Set(workflows)];
    const shown =
      names
        .slice(0, 3)
        .map((n) => `"${oneLine(n)}"`)
        .join(', ') + (names.length > 3 ? ', …' : '');
    const message =
      names.length === 1
        ? count === 1
          ? t('1 new failure in {0}', shown)
          : t('{0} new failures in {1}', count, shown)
        : t('{0} new failures in {1} workflows: {2}', count, names.length, shown);
    // Workflow names come from the API: no link or icon may be formed from them.
    const text = inertLinkedText(message);
    this.notifyEmitter.fire(text);
    const openRun = t('Open Run');
    const showAll = t('Show All');
    const never = t("Don't Show Again");
    const choice = await this.deps.showWarning(text, openRun, showAll, never);
    if (choice === openRun) await this.deps.openRun(newestId);
    else if (choice === showAll) await this.deps.showAll();
    else if (choice === never) await this.deps.turnOff();
  }

  private read(): Record<string, SeenFailures> {
    const raw = this.deps.state.get<Record<string, unknown>>(storageKey) ?? {};
    const out: Record<string, SeenFailures> = {};
    for (const [key, value] of Object.entries(raw)) {
      const seen = sanitizeSeen(value);
      if (seen) out[key] = seen;
    }
    return out;
  }

  private write(memory: Record<string, SeenFailures>, touched: string): void {
    // The most recently touched filter sets only; the rest are forgotten.
    const keys = Object.keys(memory)
      .filter((k) => k !== touched)
      .slice(-(maxEntries - 1));
    const kept: Record<string, SeenFailures> = {};
    for (const key of keys) kept[key] = memory[key]!;
    kept[touched] = memory[touched]!;
    void this.deps.state.update(storageKey, kept);
  }
}
