/**
 * What the views say about sections of a batch that could not be read (schema drift): which ones, why
 * (Granite's format changed), what to do, and which of them show their last good data, and since when.
 * One sentence for the tree, the status bar tooltip and the dashboard banner alike.
 */
import type { SectionProblem } from './api/parseBatch';
import { formatAge } from './format';
import { t } from './l10n';

export function problemsMessage(problems: readonly SectionProblem[], now: number): string | undefined {
  if (problems.length === 0) return undefined;
  const names = problems.map((p) => p.section).join(', ');
  const first = t(
    'Some sections could not be read ({0}): Granite may have changed its format; update the extension, or report it if it is current.',
    names,
  );
  const kept = problems.filter((p) => p.keptFrom !== undefined);
  if (kept.length === 0) return `${first} ${t('They are not shown; the rest is up to date.')}`;
  const since = Math.min(...kept.map((p) => p.keptFrom!));
  return `${first} ${t('Showing the last good {0} from {1} (stale); the rest is up to date.', kept.map((p) => p.section).join(', '), formatAge(since, now))}`;
}

/** Whether `section` shows its last good data instead of the latest (stale). */
export function isKept(problems: readonly SectionProblem[], section: string): boolean {
  return problems.some((p) => p.section === section && p.keptFrom !== undefined);
}
