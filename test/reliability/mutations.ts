/**
 * Ways a batch document goes wrong: hostile strings, values of the wrong type, missing keys, deeply
 * nested junk, very long strings. A mutation does not promise to break the spec (a string replaced by
 * a string is still valid): ajv decides, per section, and the tests hold the parser to that verdict.
 */
import fc from 'fast-check';
import { sectionNames } from '../../src/core/api/schemas';

/** Strings that have broken parsers and renderers elsewhere: number look-alikes, odd Unicode, markup. */
export const hostileStrings: readonly string[] = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '-0',
  '0x1F',
  '1_000',
  ' 42 ',
  '4.2e1',
  'null',
  'undefined',
  'true',
  '{}',
  '[]',
  '',
  ' ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDBFFy',
  '\uDC00\uD800',
  '\u202Egnp.exe\u202C',
  '\u2066isolate\u2069',
  '\u200B',
  '\u200C\u200D\uFEFF',
  '\u2028\u2029',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '👍🏽',
  'e\u0301\u0301\u0301\u0301',
  'Z\u0351\u0352\u0357\u0358\u035B',
  'İıſ',
  'ﷺ',
  '\u{10FFFF}',
  '\uFFFE',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  '%s%n%x',
  '${7*7}',
  '../../etc/passwd',
  '=HYPERLINK("http://x")',
  'यूनिकोड',
  'مرحبا بالعالم',
  'שלום',
  '漢字テスト',
];

const longUnits = ['x', '\u200B', '👩‍👩‍👧‍👦', 'ab\u202E', 'é'];

/** A string of about `length` UTF-16 units, of one repeated unit (which unit depends on the length). */
export function longString(length: number): string {
  const unit = longUnits[length % longUnits.length]!;
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/**
 * `depth` levels of arrays or objects around a leaf. Kept as a recipe and built where it is inserted:
 * structuredClone (and any other recursive copy) overflows the stack on a few thousand levels.
 */
export class DeepJunk {
  constructor(
    readonly depth: number,
    readonly kind: 'array' | 'object',
  ) {}

  build(): unknown {
    let value: unknown = 'bottom';
    for (let i = 0; i < this.depth; i++) value = this.kind === 'array' ? [value] : { nested: value };
    return value;
  }
}

/** A value to put where something else was expected. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 3, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, {}, [], [null], { data: null }) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom(100_000, 100_001).map(longString) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 50, max: 3000 }), fc.constantFrom('array' as const, 'object' as const))
      .map(([d, k]) => new DeepJunk(d, k)),
  },
);

/** A fresh copy of a junk value (generated values are shared by fast-check and must not change). */
export function materialise(value: unknown): unknown {
  return value instanceof DeepJunk ? value.build() : structuredClone(value);
}

export type MutationAction =
  'replace' | 'nearMiss' | 'nullify' | 'delete' | 'stringify' | 'wrap' | 'replaceSection' | 'deleteSection';

export interface Mutation {
  /** Index into the section names (modulo). */
  section: number;
  /** Index into the places inside that section (modulo). */
  target: number;
  action: MutationAction;
  value: unknown;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  section: fc.nat(),
  target: fc.nat(),
  action: fc.oneof(
    { weight: 5, arbitrary: fc.constant<MutationAction>('replace') },
    { weight: 3, arbitrary: fc.constant<MutationAction>('nearMiss') },
    { weight: 1, arbitrary: fc.constant<MutationAction>('nullify') },
    { weight: 3, arbitrary: fc.constant<MutationAction>('delete') },
    { weight: 2, arbitrary: fc.constant<MutationAction>('stringify') },
    { weight: 1, arbitrary: fc.constant<MutationAction>('wrap') },
    { weight: 1, arbitrary: fc.constant<MutationAction>('replaceSection') },
    { weight: 1, arbitrary: fc.constant<MutationAction>('deleteSection') },
  ),
  value: junkValue,
});

type Container = Record<string | number, unknown>;
interface Slot {
  container: Container;
  key: string | number;
  depth: number;
}

/** Every place in a section (object keys and array items), breadth-first, down to `maxDepth`. */
function slots(doc: Container, section: string, maxDepth = 8): Slot[] {
  const out: Slot[] = [{ container: doc, key: section, depth: 0 }];
  for (let i = 0; i < out.length; i++) {
    const { container, key, depth } = out[i]!;
    const value = container[key];
    if (value === null || typeof value !== 'object' || depth >= maxDepth) continue;
    const keys = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
    for (const child of keys) out.push({ container: value as Container, key: child, depth: depth + 1 });
  }
  return out;
}

/** Sets like JSON.parse would: an own data property, even for `__proto__`. */
function put(container: Container, key: string | number, value: unknown): void {
  Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Almost the right value: an integer with a fraction, a number for a string, an object for a list. */
function nearMiss(value: unknown): unknown {
  if (typeof value === 'number')
    return Number.isInteger(value) && Number.isSafeInteger(value)
      ? value + 0.5
      : Number.isFinite(value)
        ? Math.round(value)
        : 0.5;
  if (typeof value === 'string') return value.length;
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 0;
  return Array.isArray(value)
    ? Object.fromEntries(value.map((v, i) => [String(i), v]))
    : Object.values(value as object);
}

/** A mutated copy of `doc` (which is not changed). */
export function applyMutations(doc: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  const out = structuredClone(doc);
  for (const m of mutations) {
    const section = sectionNames[m.section % sectionNames.length]!;
    if (m.action === 'deleteSection') {
      delete out[section];
      continue;
    }
    if (m.action === 'replaceSection') {
      put(out, section, materialise(m.value));
      continue;
    }
    if (!Object.hasOwn(out, section)) continue;
    const places = slots(out, section);
    const { container, key } = places[m.target % places.length]!;
    const current = container[key];
    switch (m.action) {
      case 'replace':
        put(container, key, materialise(m.value));
        break;
      case 'nearMiss':
        put(container, key, nearMiss(current));
        break;
      case 'nullify':
        put(container, key, null);
        break;
      case 'delete':
        if (Array.isArray(container)) container.splice(key as number, 1);
        else delete container[key];
        break;
      case 'stringify': {
        // The classic drift: numbers (or anything) sent as their text, and text as a number.
        const n = Number(current);
        put(container, key, typeof current === 'string' ? (Number.isNaN(n) ? current.length : n) : String(current));
        break;
      }
      case 'wrap':
        put(container, key, Array.isArray(current) ? { items: current } : [current]);
        break;
    }
  }
  return out;
}
