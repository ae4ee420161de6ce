/** Endpoint usage: API endpoints (the `endpoint` trigger) with invocations, success and response times. */
import type { EndpointUsageItem } from '../../src/core/api/schemas';
import { countsOf, formatCount, formatDuration, rateOf } from '../../src/core/format';
import { Card, csvButton } from '../card';
import { el } from '../dom';
import type { Host } from '../host';
import { t } from '../l10n';
import { rateCell, type CellContext } from './cells';
import { DataTable } from './dataTable';

export class EndpointUsage {
  readonly card = new Card({
    id: 'endpoints',
    wide: true,
    title: t('Endpoint usage'),
    description: t('Calls to your API endpoints, their success rate and response times.'),
  });
  private readonly table: DataTable<EndpointUsageItem>;
  private ctx?: CellContext;

  constructor(host: Host) {
    const ctx = () => this.ctx!;
    this.table = new DataTable<EndpointUsageItem>(host, {
      id: 'endpoints',
      caption: t('Endpoint usage'),
      defaultSort: { key: 'invocations', dir: 'desc' },
      columns: [
        { key: 'method', label: t('Method'), sort: (r) => r.http_method, cell: (r) => el('code', {}, r.http_method) },
        {
          key: 'slug',
          label: t('Endpoint'),
          sort: (r) => r.endpoint_slug,
          cell: (r) => el('code', {}, r.endpoint_slug),
        },
        {
          key: 'invocations',
          label: t('Calls'),
          numeric: true,
          sort: (r) => r.invocations,
          cell: (r) => formatCount(r.invocations, ctx().locale),
        },
        {
          key: 'rate',
          label: t('Success rate'),
          numeric: true,
          sort: (r) => rateOf(r.success_count, r.invocations),
          cell: (r) => rateCell(countsOf(r.success_count, r.invocations), ctx()),
        },
        {
          key: 'avg',
          label: t('Avg response'),
          numeric: true,
          sort: (r) => r.avg_response_time_ms,
          cell: (r) => formatDuration(r.avg_response_time_ms, ctx().locale),
        },
        {
          key: 'p95',
          label: t('P95 response'),
          numeric: true,
          sort: (r) => r.p95_response_time_ms,
          cell: (r) => formatDuration(r.p95_response_time_ms, ctx().locale),
        },
      ],
    });
    this.card.actions.append(
      csvButton(host, 'endpoint-usage', () => [
        ['Method', 'Endpoint', 'Calls', 'Successful', 'Success rate (%)', 'Avg response (ms)', 'P95 response (ms)'],
        ...this.table.allRows.map((r) => [
          r.http_method,
          r.endpoint_slug,
          String(r.invocations),
          String(r.success_count),
          String(r.success_rate),
          String(r.avg_response_time_ms),
          String(r.p95_response_time_ms),
        ]),
      ]),
    );
    this.card.body.append(this.table.element);
  }

  update(rows: readonly EndpointUsageItem[], ctx: CellContext): void {
    this.ctx = ctx;
    this.card.setNote(rows.length ? undefined : t('No API endpoint was called in this range.'));
    this.table.element.hidden = rows.length === 0;
    this.table.setRows(rows, ctx.locale);
  }
}
