/**
 * Mocha entry point loaded by VS Code inside the extension host (the `extensionTestsPath` target of both
 * runners). Runs every `*.test.js` under out/test/integration/ and out/test/reliability/vscode/, the
 * session checks last; resolves only if all of them passed.
 * GRANITE_IT_GREP narrows the run to matching test titles; GRANITE_IT_UNTRUSTED=1 (the second runner
 * invocation, in Restricted Mode) runs only the suites tagged `@trust`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { sessionWatch } from '../reliability/vscode/sessionWatch';
import { control, expectedPageError } from './control';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return testFiles(full);
      return entry.isFile() && entry.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}

/**
 * GRANITE_IT_GREP narrows the run to matching titles (a literal substring). The untrusted run (workspace
 * trust on, the folder in Restricted Mode) runs only suites tagged `@trust`, still narrowed by the grep.
 */
function grepFor(grep: string | undefined, untrusted: boolean): RegExp {
  const literal = grep ? grep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '';
  return untrusted ? new RegExp(`^(?=.*@trust)(?=.*${literal})`) : new RegExp(literal);
}

/**
 * Suites that judge what the whole session left behind run after every other suite, whatever the file
 * names: they are added last, here, by path. What they judge is gathered by mocha root hooks
 * (`sessionWatch`, passed as `rootHooks`), which run around every test of the run, in any file.
 */
const sessionChecks = ['reliability/vscode/secretHygiene.test.js'];

const asError = (value: unknown): Error =>
  value instanceof Error ? value : new Error(`non-Error thrown: ${String(value)}`);

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    rootHooks: sessionWatch,
    timeout: 30_000,
    color: false,
    forbidOnly: true,
    // A pending test or a this.skip() fails the run: the closing line's counts are then the whole truth.
    forbidPending: true,
    // Absolute path: mocha resolves reporter names relative to the process cwd, which is not the repo here.
    reporter: path.resolve(__dirname, '../../../scripts/mocha-reporter.js'),
  });
  mocha.grep(grepFor(process.env.GRANITE_IT_GREP, process.env.GRANITE_IT_UNTRUSTED === '1'));
  const reliability = path.resolve(__dirname, '../reliability/vscode');
  const last = sessionChecks.map((file) => path.resolve(__dirname, '..', file));
  const files = [...testFiles(__dirname), ...(fs.existsSync(reliability) ? testFiles(reliability) : [])];
  for (const file of last) if (!files.includes(file)) throw new Error(`session check ${file} not found`);
  for (const file of [...files.filter((f) => !last.includes(f)), ...last]) mocha.addFile(file);

  // The extension host logs and swallows stray errors, so without this a broken async path in the
  // extension would go unnoticed. Any such error during the run fails it.
  const stray: Error[] = [];
  let runner: Mocha.Runner | undefined;
  const seen = new WeakSet<object>(); // Node and mocha's re-emit both deliver each rejection to us
  const onRejection = (reason: unknown): void => {
    if (typeof reason === 'object' && reason !== null) {
      if (seen.has(reason)) return;
      seen.add(reason);
    }
    const err = asError(reason);
    stray.push(err);
    console.error(`[index] unhandled promise rejection during tests: ${err.stack ?? err.message}`);
    // Mocha only re-emits rejections from user code; fail the test that is running now.
    try {
      (runner as unknown as { uncaught?: (e: Error) => void } | undefined)?.uncaught?.(err);
    } catch {
      /* the run already ended; `stray` still fails it */
    }
  };
  const onException = (error: Error): void => {
    stray.push(error); // mocha's own listener fails the current test; this makes sure the run fails
    console.error(`[index] uncaught exception during tests: ${error.stack ?? error.message}`);
  };
  // Uncaught errors in the workbench page or a webview (Playwright's `pageerror`, collected by the
  // harness) fail the run too, named after the test that was running. A probe that throws on purpose
  // marks its error with `expectedPageError`.
  let pageErrorsSeen = 0;
  if (control.available) {
    mocha.suite.afterEach(async function () {
      const errors = await control.pageErrors(pageErrorsSeen);
      pageErrorsSeen += errors.length;
      for (const error of errors.filter((e) => !e.message.includes(expectedPageError))) {
        const err = new Error(
          `page error during "${this.currentTest?.fullTitle() ?? '?'}": ${error.message}\n${error.stack}`,
        );
        stray.push(err);
        console.error(`[index] ${err.message}`);
      }
    });
  }
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  const unhook = (): void => {
    process.removeListener('unhandledRejection', onRejection);
    process.removeListener('uncaughtException', onException);
  };

  return new Promise<void>((resolve, reject) => {
    try {
      runner = mocha.run((failures) => {
        unhook();
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
        else if (stray.length > 0)
          reject(new Error(`${stray.length} unhandled error(s) in the extension host during tests.`));
        else resolve();
      });
    } catch (err) {
      unhook();
      reject(asError(err));
    }
  });
}
