/**
 * Where text really is on screen: the glyph boxes of substrings, measured in the page with
 * `Range.getClientRects()`. Shared by the Chromium tests and the code-server tests (there through the
 * control channel), so it is page-side JavaScript source, not a function of the test's own context.
 */
import * as assert from 'node:assert/strict';

/** The union of one substring's glyph boxes, in CSS pixels of the page. */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * Page-side: `(root, parts) => (Box | null)[]`. Each part is looked up in `root`'s text after the end
 * of the previous one (so `87.5%` then `8` finds the count after the rate); text nodes are joined, so a
 * part may span several elements. null when a part is not found or draws nothing.
 */
export const glyphBoxesSource = `(root, parts) => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push({ node: n, start: text.length }); text += n.data; }
  const at = (offset) => {
    for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i].start <= offset) return [nodes[i].node, offset - nodes[i].start];
    return undefined;
  };
  let from = 0;
  return parts.map((part) => {
    const index = text.indexOf(part, from);
    if (index < 0 || part === '') return null;
    from = index + part.length;
    const range = document.createRange();
    range.setStart(...at(index));
    range.setEnd(...at(index + part.length));
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (!rects.length) return null;
    return {
      left: Math.min(...rects.map((r) => r.left)), right: Math.max(...rects.map((r) => r.right)),
      top: Math.min(...rects.map((r) => r.top)), bottom: Math.max(...rects.map((r) => r.bottom)),
    };
  });
}`;

/** `a` lies wholly left of `b` on the same line (half a pixel of slack for subpixel positions). */
export function assertLeftOf(a: Box | null | undefined, b: Box | null | undefined, what: string): void {
  assert.ok(a && b, `${what}: both are drawn (${JSON.stringify({ a, b })})`);
  assert.ok(
    a.right <= b.left + 0.5,
    `${what}: ${a.left.toFixed(1)}–${a.right.toFixed(1)} is not left of ${b.left.toFixed(1)}–${b.right.toFixed(1)}`,
  );
  assert.ok(a.top < b.bottom && b.top < a.bottom, `${what}: not on the same line (${JSON.stringify({ a, b })})`);
}
