/**
 * The rounding rule of every rate and share, proven exhaustively rather than by examples: a share from
 * counts reads 100 only when part = whole and 0 only when part = 0 — for every whole up to 2,000 with
 * every part, and for every whole up to 1,000,000 with the parts at and next to each boundary. The rule
 * is checked on numbers (roundShare) against integer conditions written here; Intl is called at the
 * boundaries and over the renderer's whole domain, and what it prints is read back in the locale's own
 * digits (so `100,0 %`, `١٠٠٫٠` and `१००.०` all count as reading 100).
 */
import assert from 'node:assert/strict';
import {
  formatRate,
  formatRoundedPercent,
  formatShare,
  roundPercent,
  roundShare,
  type RoundedPercent,
} from '../../../src/core/format';

/** Latin, comma decimals, narrow no-break spaces, Arabic-Indic, Persian, Devanagari, Bengali, Thai digits. */
const locales = ['en-US', 'de-DE', 'fr-FR', 'ar-EG', 'fa-IR', 'hi-IN-u-nu-deva', 'bn-BD', 'th-TH-u-nu-thai', 'zh-CN'];

interface Reading {
  value: number;
  bound: string;
}

/** Reads a formatted percentage the way a person does: its number in the locale's digits, and `<` / `>`. */
function reader(locale: string): (text: string) => Reading {
  const plain = new Intl.NumberFormat(locale, { useGrouping: false });
  const digits = new Map<string, string>();
  for (let d = 0; d <= 9; d++) digits.set(plain.formatToParts(d).find((p) => p.type === 'integer')!.value, String(d));
  const decimal = plain.formatToParts(1.5).find((p) => p.type === 'decimal')!.value;
  const seen = new Map<string, Reading>(); // a million wholes print a handful of distinct texts
  return (text) => {
    const known = seen.get(text);
    if (known) return known;
    let number = '';
    let bound = '';
    for (const ch of text) {
      if (digits.has(ch)) number += digits.get(ch)!;
      else if (ch === decimal) number += '.';
      else if (ch === '<' || ch === '>') bound += ch;
      else assert.ok(!/\p{Nd}/u.test(ch), `${JSON.stringify(text)} has a digit that is not ${locale}'s`);
    }
    assert.match(number, /^\d+(\.\d)?$/, `${JSON.stringify(text)} in ${locale}`);
    const reading = { value: Number(number), bound };
    seen.set(text, reading);
    return reading;
  };
}
const readers = new Map(locales.map((l) => [l, reader(l)]));

/**
 * The numeric rule for `part` of `whole` (0 ≤ part ≤ whole), by integer conditions on the exact value
 * 100·part/whole: a plain figure is its half-up rounding to tenths, `>99.9` stands for [99.95, 100),
 * `<0.1` for (0, 0.05), and 0 / 100 appear only for exact 0 / 100.
 */
function checkRule(part: number, whole: number, r: RoundedPercent | undefined): void {
  const fail = () => assert.fail(`${part} of ${whole} → ${JSON.stringify(r)}`);
  if (!r || r.digits !== 1) return fail();
  const exact = 1000 * part; // the value in tenths is exact/whole
  if (r.bound === undefined) {
    // half up: scaled − ½ ≤ exact/whole < scaled + ½
    if (!((2 * r.scaled - 1) * whole <= 2 * exact && 2 * exact < (2 * r.scaled + 1) * whole)) fail();
    if (r.scaled === 1000 && part !== whole) fail();
    if (r.scaled === 0 && part !== 0) fail();
  } else if (r.bound === '>') {
    if (!(r.scaled === 999 && part < whole && 2 * exact >= 1999 * whole)) fail();
  } else if (!(r.scaled === 1 && part > 0 && 2 * exact < whole)) {
    fail();
  }
  if (part === whole && !(r.scaled === 1000 && r.bound === undefined)) fail();
  if (part === 0 && !(r.scaled === 0 && r.bound === undefined)) fail();
}

/** What `formatShare` prints, read back: 100 only when part = whole, 0 only when part = 0, never a wrong side. */
function checkText(part: number, whole: number, locale: string): void {
  const text = formatShare(part, whole, locale);
  const { value, bound } = readers.get(locale)!(text);
  const where = `${part} of ${whole} in ${locale}: ${JSON.stringify(text)}`;
  assert.equal(value === 100, part === whole, where);
  assert.equal(value === 0, part === 0, where);
  const tenths = Math.round(value * 10);
  if (bound === '') assert.ok(Math.abs(2 * (tenths * whole - 1000 * part)) <= whole, where);
  else if (bound === '>') assert.ok(1000 * part > tenths * whole, where);
  else assert.ok(bound === '<' && 1000 * part < tenths * whole, where);
}

describe('rates and shares: 100 % and 0 % only when exact', function () {
  this.timeout(120_000); // about 5 s of CPU; a loaded machine can stretch that past the default 20 s

  it('holds for every whole up to 2,000 with every part (numeric rule), with Intl at the boundaries', () => {
    let cases = 0;
    for (let whole = 1; whole <= 2000; whole++) {
      for (let part = 0; part <= whole; part++) {
        checkRule(part, whole, roundShare(part, whole));
        cases++;
      }
      for (const part of new Set([0, 1, whole - 1, whole]))
        for (const locale of locales) checkText(part, whole, locale);
    }
    assert.equal(cases, (2000 * 2003) / 2);
  });

  it('holds for every whole up to 1,000,000 at parts 0, 1, whole − 1 and whole (Intl in a rotating locale)', () => {
    for (let whole = 1; whole <= 1_000_000; whole++) {
      const locale = locales[whole % locales.length]!;
      for (const part of [0, 1, whole - 1, whole]) {
        if (part < 0) continue;
        checkRule(part, whole, roundShare(part, whole));
        checkText(part, whole, locale);
      }
    }
  });

  it('prints every figure a share can round to, in every locale, as exactly that figure', () => {
    // formatShare = renderer(roundShare): with the rule above, this covers all of its output.
    const domain: RoundedPercent[] = [
      { scaled: 1, digits: 1, bound: '<' },
      { scaled: 999, digits: 1, bound: '>' },
    ];
    for (let scaled = 0; scaled <= 1000; scaled++) domain.push({ scaled, digits: 1 });
    for (const locale of locales) {
      for (const r of domain) {
        const { value, bound } = readers.get(locale)!(formatRoundedPercent(r, locale));
        assert.equal(value, r.scaled / 10, `${JSON.stringify(r)} in ${locale}`);
        assert.equal(bound, r.bound ?? '');
      }
    }
    assert.equal(formatShare(1999, 2000, 'en-US'), `${formatRoundedPercent(roundShare(1999, 2000)!, 'en-US')}%`);
  });

  it('decides huge counts exactly (BigInt beyond 2^53)', () => {
    const whole = 10n ** 20n;
    assert.deepEqual(roundShare(whole - 1n, whole), { scaled: 999, digits: 1, bound: '>' });
    assert.deepEqual(roundShare(1n, whole), { scaled: 1, digits: 1, bound: '<' });
    assert.deepEqual(roundShare(whole, whole), { scaled: 1000, digits: 1 });
    assert.deepEqual(roundShare(whole / 2n, whole), { scaled: 500, digits: 1 });
    // As doubles (1e20 is an exact integer double; 1e20 − 1 is not representable, so use a spaced pair).
    assert.equal(formatShare(1e20 - 16384, 1e20, 'en-US'), '>99.9%');
  });

  it('reads a rate sent without counts as 100 only when exactly 100 was sent', () => {
    const below = (x: number, steps: number) => {
      const view = new DataView(new ArrayBuffer(8));
      const out: number[] = [];
      view.setFloat64(0, x);
      for (let i = 0; i < steps; i++) {
        view.setBigUint64(0, view.getBigUint64(0) - 1n); // the next double towards 0 (x > 0)
        out.push(view.getFloat64(0));
      }
      return out;
    };
    const sent = [
      100,
      0,
      99.95,
      99.949_999_999_999_99,
      0.05,
      0.049_999_999_999_999_996,
      Number.MIN_VALUE,
      1e-300,
      ...below(100, 50_000),
      ...below(99.95, 5_000),
      ...below(99.950_000_000_001, 5_000),
      ...below(0.1, 5_000),
      ...below(0.05, 5_000),
    ];
    for (let tenThousandths = 999_000; tenThousandths <= 1_000_000; tenThousandths++)
      sent.push(tenThousandths / 10_000);
    for (let tenThousandths = 0; tenThousandths <= 1_000; tenThousandths++) sent.push(tenThousandths / 10_000);
    for (const [i, percent] of sent.entries()) {
      const r = roundPercent(percent)!;
      assert.equal(r.scaled === 1000 && r.bound === undefined, percent === 100, String(percent));
      assert.equal(r.scaled === 0 && r.bound === undefined, percent === 0, String(percent));
      // Intl where the figure is at a boundary, and on every 50th value elsewhere.
      if (r.bound || r.scaled === 0 || r.scaled === 1000 || i % 50 === 0) {
        const locale = locales[i % locales.length]!;
        const { value } = readers.get(locale)!(formatRate(percent, locale));
        assert.equal(value === 100, percent === 100, `${percent} in ${locale}`);
        assert.equal(value === 0, percent === 0, `${percent} in ${locale}`);
      }
    }
    assert.equal(formatRate(99.95, 'en-US'), '>99.9%', 'the README: >99.9% for 99.95 ≤ rate < 100');
    assert.equal(formatRate(99.93, 'en-US'), '99.9%');
    assert.equal(formatRate(0.04, 'en-US'), '<0.1%');
  });
});
