/**
 * Vocabulary for synthetic data: workflow names, endpoint slugs, parameters, failure categories and
 * messages. Kept apart from the generator so the generator reads as the shape of the data only.
 */
import type { Rng } from './random';

/** Names a real back-office automation team would use; the default dataset draws from these. */
export const curatedWorkflowNames: readonly string[] = [
  'Invoice Intake',
  'Payroll Export',
  'CRM Lead Sync',
  'Vendor Onboarding',
  'Expense Report Audit',
  'Purchase Order Matching',
  'Bank Statement Reconciliation',
  'Customer Refund Processing',
  'Insurance Claim Entry',
  'Timesheet Approval',
  'Inventory Count Upload',
  'Shipping Label Printing',
  'Contract Renewal Reminder',
  'Employee Offboarding',
  'New Hire Account Setup',
  'Tax Form Collection',
  'SAP Goods Receipt',
  'Salesforce Opportunity Cleanup',
  'Quarterly VAT Filing',
  'Helpdesk Ticket Triage',
  'Price List Update',
  'Credit Check Lookup',
  'Patient Intake Forms',
  'Freight Invoice Audit',
  'Supplier Portal Download',
  'Month-End Close Checklist',
  'Customs Declaration Filing',
  'Order Status Email',
  'Benefits Enrollment Sync',
  'ERP Master Data Cleanup',
  'Loan Application Review',
  'Daily Sales Report',
  'Chargeback Dispute Filing',
  'Warranty Claim Intake',
  'Lead Enrichment Agent',
  'Email Inbox Triage Agent',
  'Competitor Price Scraper',
  'KYC Document Check',
  'Accounts Payable Aging',
  'Medical Billing Codes',
];

const systems = [
  'SAP',
  'Oracle',
  'Salesforce',
  'Workday',
  'NetSuite',
  'Dynamics',
  'QuickBooks',
  'Zendesk',
  'HubSpot',
  'ServiceNow',
  'Excel',
  'Outlook',
  'Citrix',
  'Mainframe',
  'Portal',
  'Legacy ERP',
  'Coupa',
  'Jira',
  'SharePoint',
  'DocuSign',
  'Xero',
  'Sage',
  'ADP',
  'Epic',
];
const objects = [
  'Invoice',
  'Purchase Order',
  'Lead',
  'Vendor',
  'Expense',
  'Payroll',
  'Timesheet',
  'Contract',
  'Claim',
  'Refund',
  'Shipment',
  'Inventory',
  'Customer',
  'Employee',
  'Ticket',
  'Price List',
  'Credit Memo',
  'Journal Entry',
  'Tax Form',
  'Order',
  'Quote',
  'Asset',
  'Patient Record',
  'Supplier',
  'Payment',
  'Bank Statement',
  'Report',
  'Account',
  'Case',
  'Delivery Note',
];
const actions = [
  'Intake',
  'Sync',
  'Export',
  'Import',
  'Reconciliation',
  'Approval',
  'Entry',
  'Audit',
  'Cleanup',
  'Update',
  'Lookup',
  'Download',
  'Upload',
  'Validation',
  'Archiving',
  'Matching',
  'Triage',
  'Review',
  'Notification',
  'Migration',
];

/**
 * `count` distinct workflow names. Up to the curated list's length they are curated; beyond it (the
 * large dataset) they are "<System> <Object> <Action>" combinations, which stay distinct and plausible.
 */
export function workflowNames(rng: Rng, count: number): string[] {
  if (count <= curatedWorkflowNames.length) return rng.shuffle(curatedWorkflowNames).slice(0, count);
  const max = systems.length * objects.length * actions.length;
  if (count > max) throw new Error(`at most ${max} workflow names can be generated`);
  const names = new Set<string>();
  while (names.size < count) {
    names.add(`${rng.pick(systems)} ${rng.pick(objects)} ${rng.pick(actions)}`);
  }
  return [...names];
}

/** URL-friendly slug, as Granite shows for public endpoints (`/api/{org}/{endpoint-slug}`). */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const parameterNames: readonly string[] = [
  'input_folder',
  'customer_id',
  'date_from',
  'date_to',
  'batch_size',
  'company_code',
  'region',
  'dry_run',
  'notify_email',
  'max_rows',
  'template_id',
  'currency',
  'cost_center',
  'priority',
];

/** A plausible value for a parameter, so execution details look real. */
export function parameterValue(rng: Rng, name: string, startedAt: number): unknown {
  switch (name) {
    case 'date_from':
      return new Date(startedAt - 7 * 86_400_000).toISOString().slice(0, 10);
    case 'date_to':
      return new Date(startedAt).toISOString().slice(0, 10);
    case 'batch_size':
    case 'max_rows':
      return rng.pick([25, 50, 100, 250, 500]);
    case 'dry_run':
      return rng.chance(0.1);
    case 'customer_id':
      return `CUST-${rng.int(10000, 99999)}`;
    case 'company_code':
      return rng.pick(['1000', '2000', '3100', '4500']);
    case 'region':
      return rng.pick(['EMEA', 'NA', 'APAC', 'LATAM']);
    case 'notify_email':
      return rng.pick(['ops@acme-automation.example', 'finance@acme-automation.example']);
    case 'currency':
      return rng.pick(['EUR', 'USD', 'GBP']);
    case 'priority':
      return rng.pick(['low', 'normal', 'high']);
    default:
      return `${name.replace(/_/g, '-')}-${rng.int(1, 40)}`;
  }
}

/** Failure categories (snake_case, as Granite's `element_not_found`) with a base relative frequency. */
export const failureCategories = [
  ['element_not_found', 30],
  ['timeout', 18],
  ['connection_lost', 12],
  ['script_error', 14],
  ['authentication_failed', 8],
  ['driver_unavailable', 6],
  ['validation_error', 7],
  ['unknown', 5],
] as const;
export type FailureCategory = (typeof failureCategories)[number][0];

const ui = [
  '"Submit" button',
  '"Invoice Number" field',
  '"Save & Close" button',
  'row 3 of results grid',
  '"Login" link',
  '"Export to Excel" menu item',
  '"Approve" checkbox',
  '"Next page" arrow',
];
const windows = [
  'SAP Easy Access',
  'Outlook - Inbox',
  'Vendor Portal - Chrome',
  'Citrix Receiver',
  'NetSuite Dashboard',
];
const drivers = ['DRV-WIN-03', 'DRV-WIN-07', 'DRV-WIN-12', 'DRV-HV-01'];
const steps = ['Wait for export dialog', 'Open invoice PDF', 'Search customer', 'Download statement', 'Post journal'];

const traces = [
  [
    'Traceback (most recent call last):',
    '  File "C:\\granite\\runs\\robot.py", line 142, in process_row',
    '    amount = float(row["Amount"])',
    "ValueError: could not convert string to float: 'N/A'",
  ],
  [
    'Traceback (most recent call last):',
    '  File "C:\\granite\\runs\\tasks.py", line 57, in main',
    '    record = lookup[customer_id]',
    "KeyError: 'CUST-00000'",
  ],
  [
    'Traceback (most recent call last):',
    '  File "C:\\granite\\runs\\excel_io.py", line 88, in save_report',
    '    workbook.save(path)',
    "PermissionError: [Errno 13] Permission denied: 'C:\\\\Reports\\\\daily.xlsx'",
  ],
].map((lines) => lines.join('\n'));

/**
 * A realistic message for a failure category. Messages come from small pools so they repeat, which
 * is what makes `sample_messages` ("most frequent first") meaningful. `unknown` is sometimes null.
 */
export function failureMessage(rng: Rng, category: FailureCategory, timeoutMs: number): string | null {
  switch (category) {
    case 'element_not_found':
      return rng.chance(0.6)
        ? `Element not found: ${rng.pick(ui)} after 30s`
        : `Could not locate ${rng.pick(ui)} in window "${rng.pick(windows)}"`;
    case 'timeout':
      return rng.chance(0.5)
        ? `Workflow exceeded its timeout of ${Math.round(timeoutMs / 60_000)} min`
        : `Step "${rng.pick(steps)}" timed out after ${rng.pick([60, 120, 300])}s`;
    case 'connection_lost':
      return rng.chance(0.7)
        ? `Connection to driver ${rng.pick(drivers)} lost (no heartbeat for 45s)`
        : 'Remote desktop session disconnected';
    case 'script_error':
      return rng.pick(traces);
    case 'authentication_failed':
      return rng.chance(0.6)
        ? 'Login failed for svc-rpa@acme-automation.example: invalid credentials'
        : 'MFA challenge was not completed within 120s';
    case 'driver_unavailable':
      return `No driver available in pool "${rng.pick(['finance-vms', 'ops-vms', 'default'])}" after 600s in queue`;
    case 'validation_error':
      return rng.chance(0.5)
        ? 'Input validation failed: parameter "date_from" must be before "date_to"'
        : `Output check failed: expected ${rng.pick([12, 40, 100])} rows, found 0`;
    case 'unknown':
      return rng.chance(0.4) ? null : 'Unexpected error';
  }
}

/** What Granite records for cancelled runs; not a failure (cancelled runs are not `failed`). */
export const cancelledCategory = 'user_cancelled';
export const cancelledMessage = 'Run cancelled by user';
