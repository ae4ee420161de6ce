/**
 * The last good batch per origin and filters, in files under `globalStorageUri` (batches can be megabytes,
 * too big for globalState). After a reload the views paint from it at once, marked with its age, and
 * stay usable offline. Files are re-validated on read: the disk is a boundary too.
 */
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { parseBatch, type ParsedBatch } from './core/api/parseBatch';

export interface CachedBatch {
  batch: ParsedBatch;
  fetchedAt: number;
}

interface CacheFile {
  version: 1;
  origin: string;
  filterKey: string;
  fetchedAt: number;
  sections: unknown;
}

export class BatchCache {
  private readonly dir: vscode.Uri;

  constructor(storageUri: vscode.Uri) {
    this.dir = vscode.Uri.joinPath(storageUri, 'batches');
  }

  private file(origin: string, filterKey: string): vscode.Uri {
    const name = createHash('sha256').update(`${origin}\n${filterKey}`).digest('hex').slice(0, 32);
    return vscode.Uri.joinPath(this.dir, `${name}.json`);
  }

  async read(origin: string, filterKey: string): Promise<CachedBatch | undefined> {
    try {
      const bytes = await vscode.workspace.fs.readFile(this.file(origin, filterKey));
      const data = JSON.parse(new TextDecoder().decode(bytes)) as CacheFile;
      if (data.version !== 1 || data.origin !== origin || data.filterKey !== filterKey || typeof data.fetchedAt !== 'number') return undefined;
      const outcome = parseBatch(data.sections);
      return outcome.ok ? { batch: outcome.batch, fetchedAt: data.fetchedAt } : undefined;
    } catch {
      return undefined; // no cache yet, or unreadable: the next refresh replaces it
    }
  }

  /** When the batch for these filters was saved, without reading it (offline, to list what can be shown). */
  async savedAt(origin: string, filterKey: string): Promise<number | undefined> {
    try {
      return (await vscode.workspace.fs.stat(this.file(origin, filterKey))).mtime;
    } catch {
      return undefined;
    }
  }

  async write(origin: string, filterKey: string, cached: CachedBatch): Promise<void> {
    const data: CacheFile = { version: 1, origin, filterKey, fetchedAt: cached.fetchedAt, sections: cached.batch.sections };
    await vscode.workspace.fs.createDirectory(this.dir);
    await vscode.workspace.fs.writeFile(this.file(origin, filterKey), new TextEncoder().encode(JSON.stringify(data)));
  }

  /** Sign Out: nothing from the signed-out session stays on disk. */
  async clear(): Promise<void> {
    try {
      await vscode.workspace.fs.delete(this.dir, { recursive: true, useTrash: false });
    } catch {
      // nothing cached
    }
  }
}
