/**
 * Validates a batch response section by section, so one malformed section never throws the others away.
 */
import * as z from 'zod/mini';
import { plausibilityWarnings, type PlausibilityWarning } from './plausibility';
import { batchSections, sectionNames, type BatchedAnalyticsResponse, type SectionName } from './schemas';

/** The first problems of one invalid section: where (a JSON path from the section's root) and why. */
export interface SectionProblem {
  section: SectionName;
  issues: { path: string; message: string }[];
  /** Set when the section shown is the last good one, received at this time (epoch ms): stale. */
  keptFrom?: number;
}

export interface ParsedBatch {
  /** Every section that validated, with the spec's defaults applied. */
  sections: Partial<BatchedAnalyticsResponse>;
  /** One entry per section that was missing or invalid. */
  problems: SectionProblem[];
  /** Values the spec allows but that look wrong (kept in `sections`; see plausibility.ts). */
  warnings: PlausibilityWarning[];
}

export type ParseOutcome =
  | { ok: true; batch: ParsedBatch }
  | { ok: false; reason: 'not-an-object' | 'every-section-invalid'; problems: SectionProblem[] };

const maxIssuesPerSection = 3;

export function parseBatch(json: unknown): ParseOutcome {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, reason: 'not-an-object', problems: [] };
  }
  const record = json as Record<string, unknown>;
  const sections: Record<string, unknown> = {};
  const problems: SectionProblem[] = [];
  for (const name of sectionNames) {
    const value = record[name];
    if (value === undefined) {
      problems.push({ section: name, issues: [{ path: name, message: 'Section is missing' }] });
      continue;
    }
    const { result, input } = parseSection(name, value);
    if (result.success) {
      sections[name] = result.data;
    } else {
      const issues = result.error.issues.slice(0, maxIssuesPerSection);
      problems.push({ section: name, issues: issues.map((issue) => describeIssue(name, input, issue)) });
    }
  }
  if (problems.length === sectionNames.length) {
    return { ok: false, reason: 'every-section-invalid', problems };
  }
  const valid = sections as Partial<BatchedAnalyticsResponse>;
  return { ok: true, batch: { sections: valid, problems, warnings: plausibilityWarnings(valid) } };
}

/**
 * JSON.parse reads a number beyond double range (`1e309`, a 400-digit integer) as ±Infinity, which zod
 * rejects; the spec allows any JSON number. So a section that fails and holds such a number is read
 * again with it as the largest finite number of its sign (Infinity would also turn into `null` in the
 * cache file and the webview message). Valid sections never pay for the walk.
 */
function parseSection(
  name: SectionName,
  value: unknown,
): { result: z.core.util.SafeParseResult<unknown>; input: unknown } {
  const result = z.safeParse(batchSections[name], value);
  if (result.success || !hasInfinity(value)) return { result, input: value };
  const finite = withFiniteNumbers(value);
  return { result: z.safeParse(batchSections[name], finite), input: finite };
}

const isInfinity = (v: unknown) => v === Infinity || v === -Infinity;

/** Iterative walks: a section may be thousands of levels of junk, which would overflow a recursion. */
function hasInfinity(root: unknown): boolean {
  const stack = [root];
  while (stack.length) {
    const value = stack.pop();
    if (isInfinity(value)) return true;
    if (value !== null && typeof value === 'object')
      for (const key of Object.keys(value)) stack.push((value as Record<string, unknown>)[key]);
  }
  return false;
}

function withFiniteNumbers(root: unknown): unknown {
  const finite = (v: unknown) => (v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v);
  const copy = (v: unknown): unknown => (v === null || typeof v !== 'object' ? finite(v) : Array.isArray(v) ? [] : {});
  const out = copy(root);
  const stack: [Record<string, unknown>, Record<string, unknown>][] = [];
  if (out !== null && typeof out === 'object')
    stack.push([root as Record<string, unknown>, out as Record<string, unknown>]);
  while (stack.length) {
    const [from, to] = stack.pop()!;
    for (const key of Object.keys(from)) {
      const child = copy(from[key]);
      // As JSON.parse would set it: an own property, even for a key named `__proto__`.
      Object.defineProperty(to, key, { value: child, enumerable: true, writable: true, configurable: true });
      if (child !== null && typeof child === 'object')
        stack.push([from[key] as Record<string, unknown>, child as Record<string, unknown>]);
    }
  }
  return out;
}

function describeIssue(
  section: SectionName,
  root: unknown,
  issue: z.core.$ZodIssue,
): { path: string; message: string } {
  return { path: formatPath([section, ...issue.path]), message: issueMessage(issue, valueAt(root, issue.path)) };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** `summary.total_executions`, `recent_failures.data[3].started_at`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** zod/mini ships no locale, so its messages are terse ("Invalid input"): say what was expected. */
function issueMessage(issue: z.core.$ZodIssue, got: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Expected ${issue.expected}, got ${describeValue(got)}`;
    case 'invalid_value':
      return `Expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'custom':
      return issue.message || 'Invalid value';
    default:
      return issue.message || issue.code;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

/** One line per problem, for logs and messages: `summary.total_executions: Expected number, got string`. */
export function summariseProblems(problems: readonly SectionProblem[], limit = 5): string {
  const lines = problems.flatMap((p) => p.issues.map((i) => `${i.path}: ${i.message}`));
  const shown = lines.slice(0, limit);
  if (lines.length > limit) shown.push(`… and ${lines.length - limit} more`);
  return shown.join('; ');
}

/**
 * Errors never replace data, and a section that drifted is an error in that section: where `next`
 * could not read a section that `previous` (the same filters, received at `previousAt`) had, that
 * section is kept and its problem says since when. The other sections are the new ones.
 */
export function keepLastGood(
  next: ParsedBatch,
  previous: ParsedBatch | undefined,
  previousAt: number | undefined,
): ParsedBatch {
  if (!previous || previousAt === undefined || next.problems.length === 0) return next;
  const sections: Record<string, unknown> = { ...next.sections };
  const problems = next.problems.map((problem): SectionProblem => {
    const old = previous.sections[problem.section];
    if (old === undefined) return problem;
    sections[problem.section] = old;
    // Kept twice in a row: it is still from the first time.
    const since = previous.problems.find((p) => p.section === problem.section)?.keptFrom ?? previousAt;
    return { ...problem, keptFrom: since };
  });
  // A kept section keeps its own warnings; the others' are the new ones.
  const kept = new Set(problems.filter((p) => p.keptFrom !== undefined).map((p) => p.section));
  const warnings = [
    ...next.warnings.filter((w) => !kept.has(w.section)),
    ...previous.warnings.filter((w) => kept.has(w.section)),
  ];
  return { sections: sections, problems, warnings };
}
