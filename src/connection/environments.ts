/**
 * Environments: named Granite origins or organisations (production and staging, two customers), from the
 * user-level `granite.environments` list. Each has its own key slot in SecretStorage, so two
 * organisations on one API origin keep separate keys, and `GRANITE_API_KEY` never applies to any of them.
 * With no environment chosen, everything comes from `granite.apiBaseUrl` as before.
 */
import { checkBaseUrl } from '../core/api/baseUrl';
import { t } from '../core/l10n';

export interface Environment {
  name: string;
  apiBaseUrl: string;
  appUrl?: string;
}

/** The settings' list, keeping well-formed entries with a unique name; the rest are reported. */
export function parseEnvironments(value: unknown): { environments: Environment[]; problems: string[] } {
  const environments: Environment[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { environments, problems };
  if (!Array.isArray(value)) return { environments, problems: [t('"granite.environments" must be a list.')] };
  const names = new Set<string>();
  value.forEach((raw, i) => {
    const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const name = typeof entry.name === 'string' ? entry.name.trim() : '';
    const apiBaseUrl = typeof entry.apiBaseUrl === 'string' ? entry.apiBaseUrl.trim() : '';
    if (!name || !apiBaseUrl) {
      problems.push(
        t('Environment {0} in "granite.environments" needs a "name" and an "apiBaseUrl"; it is ignored.', i + 1),
      );
      return;
    }
    if (names.has(name)) {
      problems.push(t('Environment "{0}" is listed twice in "granite.environments"; the first one is used.', name));
      return;
    }
    names.add(name);
    const env: Environment = { name, apiBaseUrl };
    if (typeof entry.appUrl === 'string' && entry.appUrl.trim()) env.appUrl = entry.appUrl.trim();
    environments.push(env);
  });
  return { environments, problems };
}

/** The environment called `name`, if it is still configured (a removed one falls back to the default). */
export function findEnvironment(
  environments: readonly Environment[],
  name: string | undefined,
): Environment | undefined {
  return name === undefined ? undefined : environments.find((e) => e.name === name);
}

/**
 * Where a key is stored: per origin for the default connection (as before environments existed), per
 * environment name and origin otherwise, so renaming an environment or moving it to another origin
 * never hands its key to a different address.
 */
export function keySlot(origin: string, environment?: Environment): string {
  return environment ? `env:${encodeURIComponent(environment.name)}@${origin}` : origin;
}

/** The origin an environment's key goes to, or undefined when its URL is not acceptable. */
export function environmentOrigin(environment: Environment): string | undefined {
  const check = checkBaseUrl(environment.apiBaseUrl);
  return check.ok ? check.origin : undefined;
}

/** The SecretStorage entry of a key slot. */
export const secretName = (origin: string, environment?: Environment): string =>
  `granite.apiKey:${keySlot(origin, environment)}`;

/**
 * Which key goes to `origin`: the stored one of this connection's slot, else `GRANITE_API_KEY` — only for
 * the default connection, and only when `origin` is the one it was given for (`envOrigin`).
 */
export async function resolveApiKey(
  read: (secretName: string) => PromiseLike<string | undefined>,
  origin: string,
  options: { environment?: Environment; envOrigin?: string; envKey?: string },
): Promise<{ key: string; source: 'secret-storage' | 'environment' } | undefined> {
  const stored = await read(secretName(origin, options.environment));
  if (stored) return { key: stored, source: 'secret-storage' };
  const fromEnv = options.envKey?.trim();
  if (!options.environment && fromEnv && options.envOrigin === origin) return { key: fromEnv, source: 'environment' };
  return undefined;
}
