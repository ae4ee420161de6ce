/**
 * The last good batch per origin and filters, in files under `globalStorageUri` (batches can be megabytes,
 * too big for globalState). After a reload the views paint from it at once, marked with its age, and
 * stay usable offline. Files are re-validated on read: the disk is a boundary too. The files themselves
 * are reached through `CacheFiles`: VS Code's file system in the host (cacheFiles.ts), a temp dir in tests.
 */
import { createHash } from 'node:crypto';
import { parseBatch, type ParsedBatch } from '../core/api/parseBatch';

export interface CachedBatch {
  batch: ParsedBatch;
  fetchedAt: number;
}

/** One directory of cache files, by file name. Every method may reject (no such file, disk full). */
export interface CacheFiles {
  read(name: string): PromiseLike<Uint8Array>;
  /** Creates the directory first when it is missing. */
  write(name: string, bytes: Uint8Array): PromiseLike<void>;
  /** Epoch ms of the file's last write. */
  modifiedAt(name: string): PromiseLike<number>;
  /** Deletes the directory with everything in it. */
  clear(): PromiseLike<void>;
}

interface CacheFile {
  version: 1;
  origin: string;
  filterKey: string;
  fetchedAt: number;
  sections: unknown;
}

export class BatchCache {
  constructor(private readonly files: CacheFiles) {}

  private file(origin: string, filterKey: string): string {
    return `${createHash('sha256').update(`${origin}\n${filterKey}`).digest('hex').slice(0, 32)}.json`;
  }

  async read(origin: string, filterKey: string): Promise<CachedBatch | undefined> {
    const cached = await this.readRaw(origin, filterKey);
    if (!cached) return undefined;
    const outcome = parseBatch(cached.data);
    return outcome.ok ? { batch: outcome.batch, fetchedAt: cached.fetchedAt } : undefined;
  }

  /**
   * Any other answer cached under the same rules (queue metrics, layout): the caller validates `data` with
   * its own schema, as `read` does the batch.
   */
  async readRaw(origin: string, filterKey: string): Promise<{ data: unknown; fetchedAt: number } | undefined> {
    try {
      const bytes = await this.files.read(this.file(origin, filterKey));
      // Checked field by field before use: the file may be from another version, or damaged.
      const data = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Record<keyof CacheFile, unknown>>;
      if (
        data.version !== 1 ||
        data.origin !== origin ||
        data.filterKey !== filterKey ||
        typeof data.fetchedAt !== 'number'
      )
        return undefined;
      return { data: data.sections, fetchedAt: data.fetchedAt };
    } catch {
      return undefined; // no cache yet, or unreadable: the next refresh replaces it
    }
  }

  /** When the batch for these filters was saved, without reading it (offline, to list what can be shown). */
  async savedAt(origin: string, filterKey: string): Promise<number | undefined> {
    try {
      return await this.files.modifiedAt(this.file(origin, filterKey));
    } catch {
      return undefined;
    }
  }

  write(origin: string, filterKey: string, cached: CachedBatch): Promise<void> {
    return this.writeRaw(origin, filterKey, cached.batch.sections, cached.fetchedAt);
  }

  async writeRaw(origin: string, filterKey: string, sections: unknown, fetchedAt: number): Promise<void> {
    const data: CacheFile = { version: 1, origin, filterKey, fetchedAt, sections };
    await this.files.write(this.file(origin, filterKey), new TextEncoder().encode(JSON.stringify(data)));
  }

  /** Sign Out: nothing from the signed-out session stays on disk. */
  async clear(): Promise<void> {
    try {
      await this.files.clear();
    } catch {
      // nothing cached
    }
  }
}
