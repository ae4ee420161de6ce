/**
 * The Granite analytics contract, field for field as `components.schemas` in Granite's OpenAPI spec
 * (`shared/granite/openapi-analytics.json`). Types are inferred from these schemas, never written twice.
 *
 * Rules taken from the spec:
 * - required vs optional as the spec lists them; a spec `default` is applied when the key is absent;
 * - `null` only where the spec has `anyOf [..., null]` (`error_message`, `duration_ms`, request filters);
 * - `integer` accepts any JSON integer (not only safe ones: a spec-valid 1e20 must not be rejected);
 * - enums belong to the request only; in the response the spec types `granularity`, `sort_by`,
 *   `trigger_type`, `triggered_by`, `http_method`, `time`, `started_at`, `last_execution` and categories
 *   as plain strings, so an unknown trigger or an odd timestamp is kept as sent, never rejected;
 * - unknown extra keys are tolerated (and dropped), so a server that adds fields does not break us.
 *
 * zod/mini keeps the host bundle small (about 14 KB against 90 KB for the classic API); objects use zod
 * core's JIT path (see jitObject.ts), so large batches validate as fast as with the classic API.
 */
import * as z from 'zod/mini';
import { object } from './jitObject';
import { executionStatuses, granularities, triggerTypes } from './vocabulary';

export const integer = z.number().check(z.refine(Number.isInteger, { message: 'Expected an integer' }));
/** A count or figure that the spec gives `default: 0`. */
const intDefault0 = z._default(integer, 0);
const numDefault0 = z._default(z.number(), 0);
const arrayOf = <T extends z.core.SomeType>(item: T) => z.array(item);
/** An array the spec does not require: absent means empty. */
const optionalArray = <T extends z.core.SomeType>(item: T) => z._default(z.array(item), () => []);

// ---- request ----------------------------------------------------------------------------------

// The lists and their types are in vocabulary.ts (zod-free, shared with the webview).
export const GranularityEnum = z.enum(granularities);
export const TriggerTypeEnum = z.enum(triggerTypes);
export const ExecutionStatusEnum = z.enum(executionStatuses);

export const AnalyticsFilters = object({
  start_date: z.optional(z.nullable(z.string())),
  end_date: z.optional(z.nullable(z.string())),
  granularity: z._default(GranularityEnum, 'day'),
  workflow_name: z.optional(z.nullable(z.string())),
  triggered_by: z.optional(z.nullable(TriggerTypeEnum)),
  status: z.optional(z.nullable(ExecutionStatusEnum)),
});
/** What a caller passes in: every filter optional. */
export type AnalyticsFilters = z.input<typeof AnalyticsFilters>;

// ---- response sections ------------------------------------------------------------------------

export const SummaryStats = object({
  total_executions: intDefault0,
  completed: intDefault0,
  total_failures: intDefault0,
  success_rate: numDefault0,
  avg_duration_ms: numDefault0,
  active_today: intDefault0,
  total_tokens: intDefault0,
});

export const TimeSeriesDataPoint = object({
  time: z.string(),
  total: intDefault0,
  completed: intDefault0,
  failed: intDefault0,
  running: intDefault0,
  pending: intDefault0,
});
export const ExecutionsOverTimeResponse = object({
  data: arrayOf(TimeSeriesDataPoint),
  granularity: z.string(),
});

export const SuccessRateDataPoint = object({
  time: z.string(),
  total: intDefault0,
  completed: intDefault0,
  success_rate: numDefault0,
});
export const SuccessRateResponse = object({
  data: arrayOf(SuccessRateDataPoint),
  granularity: z.string(),
});

export const FailureCategoryItem = object({
  category: z.string(),
  count: integer,
  sample_messages: optionalArray(z.string()),
});
export const FailureBreakdownResponse = object({
  data: arrayOf(FailureCategoryItem),
  total_failures: intDefault0,
});

export const TriggerDistributionItem = object({ trigger_type: z.string(), count: integer });
export const TriggerDistributionResponse = object({ data: arrayOf(TriggerDistributionItem) });

export const TopAutomationItem = object({
  workflow_name: z.string(),
  executions: integer,
  completed: integer,
  failures: integer,
  success_rate: z.number(),
  avg_duration_ms: z.number(),
  last_execution: z.string(),
});
export const TopAutomationsResponse = object({
  data: arrayOf(TopAutomationItem),
  sort_by: z.string(),
});

export const DurationStats = object({
  total: intDefault0,
  avg_ms: numDefault0,
  min_ms: intDefault0,
  max_ms: intDefault0,
  p50_ms: numDefault0,
  p75_ms: numDefault0,
  p90_ms: numDefault0,
  p95_ms: numDefault0,
  p99_ms: numDefault0,
});
export const DurationHistogramBucket = object({
  bucket_start_ms: integer,
  bucket_end_ms: integer,
  count: integer,
});
export const DurationDistributionResponse = object({
  stats: DurationStats,
  histogram: optionalArray(DurationHistogramBucket),
});

export const RecentFailureItem = object({
  execution_id: z.string(),
  run_id: z.string(),
  workflow_name: z.string(),
  error_category: z.string(),
  error_message: z.optional(z.nullable(z.string())),
  triggered_by: z.string(),
  started_at: z.string(),
  duration_ms: z.optional(z.nullable(integer)),
});
export const RecentFailuresResponse = object({
  data: arrayOf(RecentFailureItem),
  total: integer,
  limit: integer,
  offset: integer,
});

export const WorkflowActionsItem = object({
  workflow_name: z.string(),
  clicks: intDefault0,
  keystrokes: intDefault0,
  scrolls: intDefault0,
  screenshots: intDefault0,
  total_steps: intDefault0,
});
export const ActionsPerWorkflowResponse = object({ data: arrayOf(WorkflowActionsItem) });

export const WorkflowComplexityItem = object({
  workflow_name: z.string(),
  complexity_score: z.number(),
  total_steps: integer,
  total_iterations: integer,
  parameters_count: integer,
  success_rate: z.number(),
  avg_duration_ms: z.number(),
});
export const WorkflowComplexityResponse = object({ data: arrayOf(WorkflowComplexityItem) });

export const EndpointUsageItem = object({
  endpoint_slug: z.string(),
  http_method: z.string(),
  invocations: integer,
  success_count: integer,
  success_rate: z.number(),
  avg_response_time_ms: z.number(),
  p95_response_time_ms: z.number(),
});
export const EndpointUsageResponse = object({ data: arrayOf(EndpointUsageItem) });

/** One schema per key of `BatchedAnalyticsResponse`; every key is required by the spec. */
export const batchSections = {
  summary: SummaryStats,
  executions_over_time: ExecutionsOverTimeResponse,
  success_rate: SuccessRateResponse,
  failure_breakdown: FailureBreakdownResponse,
  trigger_distribution: TriggerDistributionResponse,
  top_automations: TopAutomationsResponse,
  duration_distribution: DurationDistributionResponse,
  recent_failures: RecentFailuresResponse,
  actions_per_workflow: ActionsPerWorkflowResponse,
  workflow_complexity: WorkflowComplexityResponse,
  endpoint_usage: EndpointUsageResponse,
  workflows: z.array(z.string()),
} as const;
export type SectionName = keyof typeof batchSections;
export const sectionNames = Object.keys(batchSections) as SectionName[];

export const BatchedAnalyticsResponse = object(batchSections);
/** A batch after validation, with the spec's defaults filled in. */
export type BatchedAnalyticsResponse = z.output<typeof BatchedAnalyticsResponse>;
/** A batch as a server may send it (defaulted keys may be absent). */
export type BatchedAnalyticsResponseInput = z.input<typeof BatchedAnalyticsResponse>;

export type SummaryStats = z.output<typeof SummaryStats>;
export type TimeSeriesDataPoint = z.output<typeof TimeSeriesDataPoint>;
export type SuccessRateDataPoint = z.output<typeof SuccessRateDataPoint>;
export type FailureCategoryItem = z.output<typeof FailureCategoryItem>;
export type TriggerDistributionItem = z.output<typeof TriggerDistributionItem>;
export type TopAutomationItem = z.output<typeof TopAutomationItem>;
export type DurationStats = z.output<typeof DurationStats>;
export type DurationHistogramBucket = z.output<typeof DurationHistogramBucket>;
export type RecentFailureItem = z.output<typeof RecentFailureItem>;
export type WorkflowActionsItem = z.output<typeof WorkflowActionsItem>;
export type WorkflowComplexityItem = z.output<typeof WorkflowComplexityItem>;
export type EndpointUsageItem = z.output<typeof EndpointUsageItem>;

// ---- the other routes the extension calls -----------------------------------------------------

export const AnalyticsStatusResponse = object({ enabled: z.boolean(), message: z.string() });
export type AnalyticsStatusResponse = z.output<typeof AnalyticsStatusResponse>;

export const WorkflowNamesResponse = object({ workflows: z.array(z.string()) });
export type WorkflowNamesResponse = z.output<typeof WorkflowNamesResponse>;

export const OrganizationResponse = object({
  organization_id: z.string(),
  organization_name: z.string(),
  organization_slug: z.string(),
});
export const CurrentUserResponse = object({
  member_id: z.string(),
  email: z.string(),
  created_at: z.optional(z.nullable(z.string())),
  status: z.string(),
  organization: OrganizationResponse,
  roles: z.optional(z.array(z.string())),
});
export type CurrentUserResponse = z.output<typeof CurrentUserResponse>;

const jsonObject = z.record(z.string(), z.unknown());
export const ExecutionDetail = object({
  execution_id: z.string(),
  run_id: z.string(),
  triggered_by: z.string(),
  endpoint_slug: z.optional(z.nullable(z.string())),
  parameters: z.optional(z.array(jsonObject)),
  status: z.string(),
  started_at: z.string(),
  completed_at: z.optional(z.nullable(z.string())),
  duration_ms: z.optional(z.nullable(integer)),
  result: z.optional(z.nullable(jsonObject)),
  job_id: z.optional(z.nullable(z.string())),
  user_id: z.optional(z.nullable(z.string())),
});
export type ExecutionDetail = z.output<typeof ExecutionDetail>;

/** FastAPI's 422 body, `HTTPValidationError`. */
export const ValidationError = object({
  loc: z.array(z.union([z.string(), integer])),
  msg: z.string(),
  type: z.string(),
});
export const HTTPValidationError = object({ detail: z.optional(z.array(ValidationError)) });
