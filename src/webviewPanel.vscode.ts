/**
 * What every webview panel of the extension sets up the same way (the dashboard's dashboardPanel.vscode.ts
 * and the run view's runView.vscode.ts): the panel options (scripts on, command links off, our bundle and
 * media the only local resources), the panel icon, and the inputs of the page built by
 * src/core/webviewHtml.ts (asset URIs, a fresh nonce, the UI strings, the test-hooks switch). At the top of
 * src/ rather than in src/core/ because it uses the VS Code API, and it belongs to no single feature.
 */
import * as vscode from 'vscode';
import { makeNonce, type WebviewHtmlOptions } from './core/webviewHtml';

/** Options for `createWebviewPanel` and for a panel a serializer restores. */
export function webviewPanelOptions(
  extension: vscode.ExtensionContext,
): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  const root = extension.extensionUri;
  return {
    enableScripts: true,
    enableCommandUris: false,
    // Only our bundles and media; the webview state survives hiding through getState/setState instead.
    localResourceRoots: [vscode.Uri.joinPath(root, 'dist'), vscode.Uri.joinPath(root, 'media')],
    retainContextWhenHidden: false,
  };
}

/** The Granite icon shown on a panel's tab. */
export function webviewPanelIcon(extension: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(extension.extensionUri, 'media', 'granite.svg');
}

/**
 * The page options for a panel's webview: `scriptPath` and `stylePaths` relative to the extension root
 * (`dist/…`, `media/…`), turned into webview URIs.
 */
export function webviewPageOptions(
  webview: vscode.Webview,
  extension: vscode.ExtensionContext,
  scriptPath: string,
  stylePaths: string[],
): WebviewHtmlOptions {
  const asset = (path: string) => webview.asWebviewUri(vscode.Uri.joinPath(extension.extensionUri, path)).toString();
  return {
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    scriptUri: asset(scriptPath),
    styleUris: stylePaths.map(asset),
    // The webview's UI strings in the user's language (keyed by the English text, like vscode.l10n).
    l10n: vscode.l10n.bundle ?? {},
    // Integration tests and benchmarks watch renders through the webview's test hooks; a user's page has none.
    testHooks: extension.extensionMode !== vscode.ExtensionMode.Production,
  };
}
