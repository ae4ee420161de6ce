/**
 * `npm run test:electron`: the same integration suite under desktop VS Code via @vscode/test-electron.
 * It needs to download VS Code from Microsoft's update server, which this project's machines cannot reach,
 * so it fails fast there with a pointer to the offline runner. On a machine with that access it runs as
 * usual (on Linux without a display, under xvfb-run). The control channel is absent here: screenshots are
 * no-ops and UI-driving tests skip themselves.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const VSCODE_VERSION = '1.100.3'; // same VS Code as code-server 4.100.3 in the offline runner
const repoRoot = path.resolve(__dirname, '../../..');

async function main(): Promise<number> {
  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({
      version: VSCODE_VERSION,
      cachePath: path.join(repoRoot, '.vscode-test'),
      timeout: 15_000, // idle timeout, so an unreachable server fails quickly
    });
  } catch (err) {
    console.error(
      `test:electron: could not get VS Code ${VSCODE_VERSION}: ${err instanceof Error ? err.message : String(err)}`,
    );
    console.error(
      "test:electron needs to download VS Code from Microsoft's update server, which this machine cannot reach; " +
        'use npm run test:integration (code-server, offline)',
    );
    return 1;
  }

  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'granite-electron-ws-'));
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
    return 0;
  } catch (err) {
    console.error(`test:electron: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
