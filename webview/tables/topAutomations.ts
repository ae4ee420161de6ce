/** Top automations: runs, failures and success rate per workflow, sortable, with a rate bar. */
import type { TopAutomationItem } from '../../src/core/api/schemas';
import { countsOf, formatCount, formatDuration, parseTimestamp, rateOf } from '../../src/core/format';
import { Card, csvButton } from '../card';
import type { Host } from '../host';
import { t } from '../l10n';
import { rateCell, timeCell, workflowLink, type CellContext } from './cells';
import { DataTable } from './dataTable';

export class TopAutomations {
  readonly card = new Card({
    id: 'top-automations',
    wide: true,
    title: t('Top automations'),
    description: t('Workflows by number of runs, with failures, success rate and average duration.'),
  });
  private readonly table: DataTable<TopAutomationItem>;
  private ctx?: CellContext;

  constructor(host: Host) {
    const ctx = () => this.ctx!;
    this.table = new DataTable<TopAutomationItem>(host, {
      id: 'top-automations',
      caption: t('Top automations'),
      defaultSort: { key: 'executions', dir: 'desc' },
      columns: [
        {
          key: 'workflow',
          label: t('Workflow'),
          sort: (r) => r.workflow_name,
          cell: (r) => workflowLink(r.workflow_name, ctx()),
        },
        {
          key: 'executions',
          label: t('Runs'),
          numeric: true,
          sort: (r) => r.executions,
          cell: (r) => formatCount(r.executions, ctx().locale),
        },
        {
          key: 'completed',
          label: t('Completed'),
          numeric: true,
          sort: (r) => r.completed,
          cell: (r) => formatCount(r.completed, ctx().locale),
        },
        {
          key: 'failures',
          label: t('Failures'),
          numeric: true,
          sort: (r) => r.failures,
          cell: (r) => formatCount(r.failures, ctx().locale),
        },
        {
          key: 'rate',
          label: t('Success rate'),
          numeric: true,
          title: t('Completed runs out of all runs of the workflow'),
          sort: (r) => rateOf(r.completed, r.executions),
          cell: (r) => rateCell(countsOf(r.completed, r.executions), ctx()),
        },
        {
          key: 'duration',
          label: t('Avg duration'),
          numeric: true,
          sort: (r) => r.avg_duration_ms,
          cell: (r) => formatDuration(r.avg_duration_ms, ctx().locale),
        },
        {
          key: 'last',
          label: t('Last run'),
          sort: (r) => parseTimestamp(r.last_execution) ?? r.last_execution,
          cell: (r) => timeCell(r.last_execution, ctx()),
        },
      ],
    });
    this.card.actions.append(
      csvButton(host, 'top-automations', () => [
        ['Workflow', 'Runs', 'Completed', 'Failures', 'Success rate (%)', 'Avg duration (ms)', 'Last run'],
        ...this.table.allRows.map((r) => [
          r.workflow_name,
          String(r.executions),
          String(r.completed),
          String(r.failures),
          String(r.success_rate),
          String(Math.round(r.avg_duration_ms)),
          r.last_execution,
        ]),
      ]),
    );
    this.card.body.append(this.table.element);
  }

  update(rows: readonly TopAutomationItem[], ctx: CellContext): void {
    this.ctx = ctx;
    this.card.setNote(rows.length ? undefined : t('No workflow ran in this range.'));
    this.table.element.hidden = rows.length === 0;
    this.table.setRows(rows, ctx.locale);
  }
}
