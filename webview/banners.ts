/**
 * The messages above the dashboard: no API key (call to action), analytics disabled, data that could
 * not be loaded, stale data with a Retry, no runs in the range (and whether filters are the reason),
 * and sections that could not be read.
 */
import type { DashboardState } from '../src/dashboard/protocol';
import { defaultFilters, filterKey, hasNarrowingFilters, rangeLabel } from '../src/filters/filters';
import { formatAge, formatCount, formatTimestamp, triggerLabel } from '../src/core/format';
import { problemsMessage } from '../src/core/problems';
import { el, icon, replaceChildren } from './dom';
import type { Host } from './host';
import { t } from './l10n';

export class Banners {
  readonly element = el('div', { class: 'banners', 'aria-live': 'polite' });

  constructor(private readonly host: Host) {}

  private action(
    label: string,
    message: 'refresh' | 'setApiKey' | 'clear',
    filters?: DashboardState['filters'],
    primary = false,
  ): HTMLElement {
    const b = el('vscode-button', { secondary: !primary }, label);
    b.addEventListener('click', () => {
      if (message === 'clear') this.host.post({ type: 'setFilters', filters: filters ?? defaultFilters() });
      else this.host.post({ type: message });
    });
    return b;
  }

  private banner(
    kind: 'info' | 'warning' | 'error',
    id: string,
    codicon: string,
    text: (string | Node)[],
    ...actions: HTMLElement[]
  ): HTMLElement {
    return el(
      'div',
      { class: `banner ${kind}`, id: `banner-${id}`, role: kind === 'error' ? 'alert' : 'status' },
      icon(codicon),
      el('div', { class: 'banner-text' }, ...text),
      el('div', { class: 'banner-actions' }, ...actions),
    );
  }

  /** Renders the banners; returns whether there is data to show below them. */
  update(state: DashboardState, locale?: string): boolean {
    const out: HTMLElement[] = [];
    const hasData = Object.keys(state.sections).some((k) => k !== 'workflows');
    if (state.noKey) {
      out.push(
        this.banner(
          'info',
          'no-key',
          'key',
          [
            el('strong', {}, t('Connect to Granite')),
            ' ',
            t(
              'Set your Granite API key to see success rates, failures and trends of your workflows. The key is kept in VS Code’s secret storage.',
            ),
          ],
          this.action(t('Set API Key'), 'setApiKey', undefined, true),
        ),
      );
    } else if (state.analyticsDisabled !== undefined) {
      out.push(
        this.banner(
          'info',
          'disabled',
          'circle-slash',
          [
            el('strong', {}, t('Analytics is disabled for this organisation.')),
            ' ',
            state.analyticsDisabled || t('An admin can enable it in Granite.'),
          ],
          this.action(t('Retry'), 'refresh'),
        ),
      );
    } else if (!hasData && state.error) {
      out.push(
        this.banner(
          'error',
          'error',
          'error',
          [el('strong', {}, t('Granite could not be reached.')), ' ', state.error.message],
          this.action(t('Retry'), 'refresh', undefined, true),
        ),
      );
    } else if (!hasData && state.loading) {
      out.push(this.banner('info', 'loading', 'loading', [t('Loading Granite analytics…')]));
    } else if (!hasData) {
      out.push(
        this.banner(
          'info',
          'no-data',
          'info',
          [t('No analytics loaded yet.')],
          this.action(t('Refresh'), 'refresh', undefined, true),
        ),
      );
    }
    if (state.offline) {
      // Offline: what can still be shown is what the cache holds; the first successful request ends this.
      const choices = state.offline.cached.filter((c) => filterKey(c.filters) !== filterKey(state.filters));
      const buttons = choices.map((c) => {
        const b = el(
          'vscode-button',
          { secondary: true, title: t('Cached {0}', formatAge(c.fetchedAt, state.now)) },
          rangeLabel(c.filters.range),
        );
        b.addEventListener('click', () => this.host.post({ type: 'setFilters', filters: c.filters }));
        return b;
      });
      const since =
        state.fetchedAt === undefined
          ? t('There is no cached data for these filters.')
          : t('The data shown is from the cache, received {0}.', formatAge(state.fetchedAt, state.now));
      out.push(
        this.banner(
          'warning',
          'offline',
          'debug-disconnect',
          [
            el('strong', {}, t('Offline: Granite cannot be reached.')),
            ' ',
            state.error?.message ?? '',
            ' ',
            since,
            ' ',
            choices.length ? t('Other cached ranges:') : t('No other ranges are cached.'),
          ],
          ...buttons,
          this.action(t('Retry'), 'refresh', undefined, true),
        ),
      );
    } else if (hasData && state.stale) {
      const since =
        state.fetchedAt === undefined
          ? ''
          : `${formatTimestamp(new Date(state.fetchedAt).toISOString(), locale)} (${formatAge(state.fetchedAt, state.now)})`;
      const why =
        state.error?.message ?? (state.fromCache ? t('Showing saved data; it has not been refreshed yet.') : '');
      out.push(
        this.banner(
          'warning',
          'stale',
          'warning',
          [el('strong', {}, since ? t('Stale since {0}.', since) : t('Stale data.')), ' ', why],
          this.action(t('Retry'), 'refresh'),
        ),
      );
    }
    const summary = state.sections.summary;
    if (hasData && summary && summary.total_executions === 0) {
      const narrowing = hasNarrowingFilters(state.filters);
      const f = state.filters;
      const parts = [
        f.workflow && t('workflow “{0}”', f.workflow),
        f.trigger && t('trigger {0}', triggerLabel(f.trigger)),
        f.status && t('status {0}', f.status),
      ].filter(Boolean) as string[];
      out.push(
        this.banner(
          'info',
          'empty',
          'info',
          [
            el('strong', {}, t('No runs in the selected range ({0}).', rangeLabel(f.range))),
            ' ',
            narrowing
              ? t('The filters ({0}) may be too narrow.', parts.join(', '))
              : t('Nothing ran in this range; try a longer one.'),
          ],
          ...(narrowing
            ? [this.action(t('Clear filters'), 'clear', { range: f.range, granularity: f.granularity })]
            : []),
        ),
      );
    }
    const problems = hasData ? problemsMessage(state.problems, state.now) : undefined;
    if (problems) out.push(this.banner('warning', 'problems', 'warning', [problems]));
    const implausible = state.implausible;
    if (hasData && implausible && implausible.count > 0) {
      // Informational: the values are shown as sent; the examples (and the log) say which.
      const text =
        implausible.count === 1
          ? t('1 value looks implausible; it is shown as Granite sent it.')
          : t(
              '{0} values look implausible; they are shown as Granite sent them.',
              formatCount(implausible.count, locale),
            );
      const banner = this.banner('info', 'implausible', 'info', [text]);
      banner.title = implausible.examples.join('\n');
      out.push(banner);
    }
    if (state.loading && hasData)
      out.push(el('div', { class: 'loading-line', role: 'progressbar', 'aria-label': t('Refreshing') }));
    replaceChildren(this.element, ...out);
    return hasData;
  }
}
