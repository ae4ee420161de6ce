/**
 * Opens links outside VS Code. A seam for tests: code-server asks the user before opening an external
 * site, a dialog that tests cannot answer, so a test replaces the opener and checks what would open.
 */
import * as vscode from 'vscode';

export type Opener = (uri: vscode.Uri) => Thenable<boolean>;

export class ExternalOpener {
  private opener: Opener = (uri) => vscode.env.openExternal(uri);

  open(uri: vscode.Uri): Thenable<boolean> {
    return this.opener(uri);
  }

  /** Tests only. */
  use(opener: Opener): void {
    this.opener = opener;
  }

  reset(): void {
    this.opener = (uri) => vscode.env.openExternal(uri);
  }
}
