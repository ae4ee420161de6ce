/**
 * Implausible but spec-valid values injected into spec-valid batches: negative counts and durations,
 * rates outside 0–100, unknown triggers, unparseable timestamps. Where to inject is read from the spec
 * (a property's name and type), not from plausibility.ts, so a field the module forgets is noticed.
 */
import fc from 'fast-check';
import { formatPath } from '../../src/core/api/parseBatch';
import { sectionNames } from '../../src/core/api/schemas';
import { sectionSchemas, walker } from './batchFuzz';
import { hostileStrings } from './mutations';
import type { JsonSchema } from './specArbitraries';

type Role = 'count' | 'duration' | 'rate' | 'trigger' | 'timestamp';
type Path = (string | number)[];
interface Slot {
  path: Path;
  role: Role;
  integer: boolean;
}

const knownTriggers = ['manual', 'endpoint', 'scheduled'];
/** Timestamps no lenient parser reads (the host fuzz test checks them against Date.parse). */
export const unparseable = [
  '',
  ' ',
  'yesterday-ish',
  'NaN',
  'not a date',
  '2026-13-45T99:99:99Z',
  'T12:00',
  '\u0000',
  '\uD800',
  '👩‍👩‍👧‍👦',
  '\u202E2026-11-01',
];
const unknownTriggers = fc
  .oneof(fc.constantFrom('webhook', 'Manual', 'SCHEDULED', 'api', ...hostileStrings), fc.string({ maxLength: 12 }))
  .filter((s) => !knownTriggers.includes(s));

/** What a spec property holds, from its name and type: the spec's own vocabulary. */
function roleOf(key: string, schema: JsonSchema): { role: Role; integer: boolean } | undefined {
  const types = (schema.anyOf ?? [schema]).map((s) => s.type);
  const integer = types.includes('integer');
  const numeric = integer || types.includes('number');
  if (types.includes('string')) {
    if (key === 'trigger_type' || key === 'triggered_by') return { role: 'trigger', integer: false };
    if (key === 'time' || key === 'started_at' || key === 'last_execution')
      return { role: 'timestamp', integer: false };
    return undefined;
  }
  if (!numeric) return undefined;
  if (key === 'success_rate') return { role: 'rate', integer };
  if (key.endsWith('_ms')) return { role: 'duration', integer };
  return integer ? { role: 'count', integer } : undefined; // other numbers (a complexity score) have no range
}

/** Every place in a document that has a role, found by walking the document along its schema. */
function slotsOf(value: unknown, schema: JsonSchema, path: Path, out: Slot[]): Slot[] {
  const s = walker.resolve(schema);
  if (Array.isArray(value)) value.forEach((item, i) => slotsOf(item, s.items ?? {}, [...path, i], out));
  else if (value !== null && typeof value === 'object' && s.properties) {
    for (const [key, prop] of Object.entries(s.properties)) {
      if (!Object.hasOwn(value, key)) continue;
      const role = roleOf(key, walker.resolve(prop));
      if (role) out.push({ path: [...path, key], ...role });
      else slotsOf((value as Record<string, unknown>)[key], prop, [...path, key], out);
    }
  }
  return out;
}

function implausibleValue(slot: Slot, pick: number, text: string): number | string {
  const negative = -1 - (pick % 1_000_000);
  switch (slot.role) {
    case 'count':
      return negative;
    case 'duration':
      return slot.integer ? negative : negative - 0.5;
    case 'rate':
      return pick % 2 ? 100 + 1 / ((pick % 7) + 1) + (pick % 1000) : negative;
    case 'trigger':
      return text;
    case 'timestamp':
      return unparseable[pick % unparseable.length]!;
  }
}

function setAt(root: Record<string, unknown>, path: Path, value: unknown): void {
  let target = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path.at(-1)!] = value;
}

/** A batch with 1–6 implausible values, and the paths (`recent_failures.data[3].started_at`) of them. */
export function withImplausibleValues(
  valid: fc.Arbitrary<Record<string, unknown>>,
): fc.Arbitrary<{ doc: Record<string, unknown>; chosen: string[] }> {
  return fc
    .tuple(valid, fc.array(fc.tuple(fc.nat(), fc.nat(), unknownTriggers), { minLength: 1, maxLength: 6 }))
    .map(([base, picks]) => {
      const doc = structuredClone(base); // generated values are reused while shrinking: never change them
      const slots = sectionNames.flatMap((name) => slotsOf(doc[name], sectionSchemas[name], [name], []));
      const chosen = new Map<string, Path>();
      for (const [where, pick, text] of picks) {
        if (!slots.length) break;
        const slot = slots[where % slots.length]!;
        setAt(doc, slot.path, implausibleValue(slot, pick, text));
        chosen.set(formatPath(slot.path), slot.path);
      }
      return { doc, chosen: [...chosen.keys()] };
    });
}
