/** The batch cache's files in the host: `globalStorageUri/batches`, through VS Code's file system API. */
import * as vscode from 'vscode';
import type { CacheFiles } from './batchCache';

export function storageCacheFiles(storageUri: vscode.Uri): CacheFiles {
  const dir = vscode.Uri.joinPath(storageUri, 'batches');
  const file = (name: string) => vscode.Uri.joinPath(dir, name);
  return {
    read: (name) => vscode.workspace.fs.readFile(file(name)),
    write: async (name, bytes) => {
      await vscode.workspace.fs.createDirectory(dir);
      await vscode.workspace.fs.writeFile(file(name), bytes);
    },
    modifiedAt: async (name) => (await vscode.workspace.fs.stat(file(name))).mtime,
    clear: () => vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false }),
  };
}
