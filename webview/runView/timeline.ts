/**
 * The Timeline tab (`GET /api/agent-runs/{run_id}/trace`): who the trace belongs to ("Session that created
 * this automation" when it is not this run's), the recording as a button that says when its link expires
 * and asks the host to open it (the webview never holds the link), the screenshots as images the host
 * fetched and posted as `data:` URLs (anything else is refused), and the events in order with time,
 * source, type and content. Rows are built 200 per task and skipped by the browser while off screen
 * (`content-visibility: auto` in runView.css), so 2,000 events make no long task.
 */
import { isImageDataUrl, type RunViewMessage, type RunViewState } from '../../src/runs/runViewProtocol';
import { button, el } from '../dom';
import { t } from '../l10n';
import { section, timeEl } from './fields';
import { timelineBatchRows } from './timing';

export type Screenshots = Map<number, { dataUrl?: string; error?: string }>;

type OkTrace = Extract<RunViewState['trace'], { state: 'ok' }>;
type TraceEvent = OkTrace['events'][number];

function recording(trace: OkTrace, locale: string, post: (m: RunViewMessage) => void): HTMLElement | null {
  const r = trace.recording;
  if (!r) return null;
  // The signed link's expiry counts from when the host fetched the trace.
  const expiresAt = r.expiresInHours != null ? trace.fetchedAt + r.expiresInHours * 3_600_000 : undefined;
  const expiry =
    expiresAt !== undefined
      ? t(
          'link expires {0}',
          new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(expiresAt),
        )
      : t('link expiry unknown');
  const size = r.fileSizeMb != null ? t('{0} MB', r.fileSizeMb.toLocaleString()) : '';
  return section(
    t('Recording'),
    el('p', { dir: 'auto' }, [r.filename, size].filter(Boolean).join(' · ')),
    r.playable
      ? button(t('Open recording ({0})', expiry), () => post({ type: 'openRecording' }), { class: 'open-recording' })
      : el('p', { class: 'muted' }, t('Granite gave no playable link for this recording.')),
  );
}

/** Draws one screenshot slot from what the host posted (or leaves it waiting). */
export function drawScreenshot(
  slot: HTMLElement,
  shot: { dataUrl?: string; error?: string } | undefined,
  n: number,
  of: number,
): void {
  const caption = el('figcaption', {}, t('Screenshot {0} of {1}', n, of));
  if (shot?.dataUrl && isImageDataUrl(shot.dataUrl))
    slot.replaceChildren(
      el('img', { src: shot.dataUrl, alt: t('Screenshot {0} of {1}', n, of), loading: 'lazy' }),
      caption,
    );
  else if (shot)
    slot.replaceChildren(el('p', { class: 'notice' }, shot.error ?? t('Not an image that can be shown.')), caption);
  else slot.replaceChildren(el('p', { class: 'muted' }, t('Loading…')), caption);
}

/** Rows in batches, each in its own task, so 2,000 events never make one long task. */
function appendEvents(list: HTMLElement, events: TraceEvent[], locale: string, from: number): void {
  const to = Math.min(events.length, from + timelineBatchRows);
  const rows: HTMLElement[] = [];
  for (let i = from; i < to; i++) {
    const event = events[i]!;
    rows.push(
      el(
        'li',
        { class: 'event', 'data-index': i },
        event.timestamp ? timeEl(event.timestamp, locale, 'event-time') : el('span', { class: 'event-time' }, '—'),
        el('span', { class: 'event-source', dir: 'auto' }, event.source),
        el('span', { class: 'event-type', dir: 'auto' }, event.event_type),
        el('span', { class: 'event-content', dir: 'auto' }, event.content ?? ''),
      ),
    );
  }
  list.append(...rows);
  // A list replaced by a newer state stops growing.
  if (to < events.length) setTimeout(() => list.isConnected && appendEvents(list, events, locale, to), 0);
}

export function renderTimeline(
  panel: HTMLElement,
  state: RunViewState,
  shots: Screenshots,
  post: (m: RunViewMessage) => void,
): void {
  const trace = state.trace;
  if (trace.state !== 'ok') {
    panel.replaceChildren(el('p', { class: 'notice' }, trace.state === 'none' ? t('No timeline for this run.') : ''));
    return;
  }
  const owner =
    trace.owner === 'creating-session'
      ? el('p', { class: 'trace-owner', 'data-owner': trace.owner }, t('Session that created this automation'))
      : el('p', { class: 'trace-owner muted', 'data-owner': trace.owner }, t("This run's timeline"));
  const gallery = el('div', { class: 'screenshots' });
  for (let i = 0; i < trace.screenshotCount; i++) {
    const slot = el('figure', { class: 'screenshot', 'data-index': i });
    drawScreenshot(slot, shots.get(i), i + 1, trace.screenshotCount);
    gallery.append(slot);
  }
  const events = el('ol', { class: 'events', 'aria-label': t('{0} events, in order', trace.events.length) });
  appendEvents(events, trace.events, state.locale, 0);
  panel.replaceChildren(
    ...[
      owner,
      recording(trace, state.locale, post),
      trace.screenshotCount ? section(t('Screenshots'), gallery) : null,
      section(t('Events'), trace.events.length ? events : el('p', { class: 'muted' }, t('No events.'))),
    ].filter((n): n is HTMLElement => !!n),
  );
}
