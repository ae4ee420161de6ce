/**
 * What VS Code gives the extension's host classes, for tests in plain Node: the batch cache's files in a
 * real directory, and the settings a new user has (the manifest's defaults, read from package.json so that
 * a changed default is tested). globalState and SecretStorage in memory are in test/unit/helpers/memoryState.ts.
 * These are the seams the classes take in their constructors; the classes themselves are the extension's own.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CacheFiles } from '../../../src/store/batchCache';
import type { GraniteConfig } from '../../../src/config/configuration';
import { isRangePreset, type GranularityChoice } from '../../../src/filters/filters';
import type { WorkflowSort } from '../../../src/workflows/workflowHealth';

/** The cache's `batches` directory under `storageDir`, through node:fs; `track` sees every operation. */
export function directoryCacheFiles(storageDir: string, track: <T>(work: Promise<T>) => Promise<T>): CacheFiles {
  const dir = join(storageDir, 'batches');
  return {
    read: (name) => track(readFile(join(dir, name))),
    write: (name, bytes) => track(mkdir(dir, { recursive: true }).then(() => writeFile(join(dir, name), bytes))),
    modifiedAt: (name) => track(stat(join(dir, name)).then((s) => s.mtimeMs)),
    clear: () => track(rm(dir, { recursive: true, force: true })),
  };
}

/** The `granite.*` settings a new user has, as `readConfig` would return them with no user settings. */
export function manifestConfig(apiBaseUrl: string): GraniteConfig {
  const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../../package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
  };
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T is the GraniteConfig field the call fills; `valid` checks the value at run time
  const setting = <T>(key: string, valid: (value: unknown) => boolean): T => {
    const value = manifest.contributes.configuration.properties[`granite.${key}`]?.default;
    if (!valid(value)) throw new Error(`package.json lost the default of granite.${key}`);
    return value as T;
  };
  const isString = (v: unknown) => typeof v === 'string';
  const isNumber = (v: unknown) => typeof v === 'number';
  const isBoolean = (v: unknown) => typeof v === 'boolean';
  return {
    // The one setting changed (its default is https://api.getgranite.ai): the simulator stands in for Granite.
    apiBaseUrl,
    apiBaseUrlOverriddenByWorkspace: false,
    appUrl: setting('appUrl', isString),
    runUrlTemplate: setting('runUrlTemplate', isString),
    refreshIntervalSeconds: setting('refreshIntervalSeconds', isNumber),
    defaultDateRange: setting('defaultDateRange', isRangePreset),
    granularity: setting<GranularityChoice>('granularity', isString),
    statusBarEnabled: setting('statusBar.enabled', isBoolean),
    warningThreshold: setting('statusBar.warningThreshold', isNumber),
    errorThreshold: setting('statusBar.errorThreshold', isNumber),
    workflowSort: setting<WorkflowSort>('workflows.sortBy', isString),
    compareWithPreviousPeriod: setting('compareWithPreviousPeriod', isBoolean),
    newFailureNotifications: setting('notifications.newFailures', (v) => v === 'off' || v === 'all' || v === 'pinned'),
    statusBarScope: setting('statusBar.scope', (v) => v === 'all' || v === 'pinned'),
    environments: setting('environments', (v) => Array.isArray(v) && v.length === 0),
    environmentProblems: [],
  };
}
