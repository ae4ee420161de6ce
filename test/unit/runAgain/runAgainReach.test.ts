/**
 * What the source allows, read from src/ itself: no DELETE and no workflow-job route is ever called (the
 * excerpt's org-wide DELETEs and `/api/workflow_jobs` are never needed), the two write routes are built
 * only in runsWriteApi.ts, and Run Again cannot be reached from the chat tools or the notifications: no file
 * there imports it or names its command.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The code without its comments (a header may name a route it explains is never called). */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const sources = files(src).map((file) => ({ path: relative(root, file), code: code(file) }));

describe('what the source can call', function () {
  it('reads every source file', () => {
    assert.ok(sources.length > 50);
    assert.ok(sources.some((s) => s.path === join('src', 'core', 'api', 'runsWriteApi.ts')));
  });

  it('never a DELETE and never a workflow-job route', () => {
    for (const { path, code: text } of sources) {
      assert.doesNotMatch(text, /\bDELETE\b/, `${path} names DELETE`);
      assert.doesNotMatch(text, /\/workflow[_-]?jobs/i, `${path} names a workflow-job route`);
    }
  });

  it('the execute and public endpoint routes are built only in runsWriteApi.ts', () => {
    const writers = sources.filter(({ code: text }) => /\/execute\b|`\/api\/\$\{/.test(text)).map((s) => s.path);
    assert.deepEqual(writers, [join('src', 'core', 'api', 'runsWriteApi.ts')]);
  });

  it('the chat tools and the notifications cannot reach Run Again', () => {
    const unreachable = sources.filter((s) => /^src[/\\](chatTools|notifications)[/\\]/.test(s.path));
    assert.ok(unreachable.length >= 5);
    for (const { path, code: text } of unreachable) {
      assert.doesNotMatch(text, /runAgain|runsWriteApi|granite\.runAgain/i, `${path} reaches Run Again`);
      // Commands they run are named literally, so none can be Run Again's.
      for (const [, name] of text.matchAll(/executeCommand\(\s*([^,)]*)/g))
        assert.match(name ?? '', /^'granite\.(openRun|showAnalytics|openRunInGranite)'$/, `${path} runs ${name}`);
    }
  });
});
