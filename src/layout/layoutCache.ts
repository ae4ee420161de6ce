/**
 * Granite's last layout on disk, per origin and key, so the dashboard paints its layout at once when it
 * opens and keeps it offline. It lives in the batch cache's directory (the same `CacheFiles`), so Sign Out
 * clears it with the batches; the file name hashes `layout|<origin>|<cacheId>`, which no batch key can be.
 * Files are re-validated on read (another version may have written them, or they may be damaged).
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { DashboardLayout } from '../core/api/queueAndLayoutSchemas';
import type { CacheFiles } from '../store/batchCache';

export interface CachedLayout {
  layout: DashboardLayout;
  fetchedAt: number;
}

interface LayoutFile {
  version: 1;
  key: string;
  fetchedAt: number;
  layout: DashboardLayout;
}

/** The cache key of a connection's layout (`cacheId` already names the origin and a hash of the key). */
export function layoutCacheKey(origin: string, cacheId: string): string {
  return `layout|${origin}|${cacheId}`;
}

export class LayoutCache {
  constructor(private readonly files: CacheFiles) {}

  private file(key: string): string {
    return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`;
  }

  async read(key: string): Promise<CachedLayout | undefined> {
    try {
      const data = JSON.parse(new TextDecoder().decode(await this.files.read(this.file(key)))) as Partial<
        Record<keyof LayoutFile, unknown>
      >;
      if (data.version !== 1 || data.key !== key || typeof data.fetchedAt !== 'number') return undefined;
      const layout = z.safeParse(DashboardLayout, data.layout);
      return layout.success ? { layout: layout.data, fetchedAt: data.fetchedAt } : undefined;
    } catch {
      return undefined; // nothing cached yet, or unreadable: the next read from Granite replaces it
    }
  }

  async write(key: string, cached: CachedLayout): Promise<void> {
    const data: LayoutFile = { version: 1, key, fetchedAt: cached.fetchedAt, layout: cached.layout };
    await this.files.write(this.file(key), new TextEncoder().encode(JSON.stringify(data)));
  }
}
