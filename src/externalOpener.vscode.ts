/**
 * Opens links outside VS Code, through the opener it is given (by default VS Code's). code-server asks the
 * user before opening an external site, a dialog that tests cannot answer, so outside Production mode
 * `activate` gives it an opener that tests can stand in for through GraniteTestApi (`useOpener`).
 */
import * as vscode from 'vscode';

export type Opener = (uri: vscode.Uri) => Thenable<boolean>;

export const openWithVsCode: Opener = (uri) => vscode.env.openExternal(uri);

export class ExternalOpener {
  constructor(private readonly opener: Opener = openWithVsCode) {}

  open(uri: vscode.Uri): Thenable<boolean> {
    return this.opener(uri);
  }
}
