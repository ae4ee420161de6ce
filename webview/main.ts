/**
 * Webview entry point (browser bundle). The dashboard's modules are mounted here as they arrive; the host
 * sends data only after this posts `ready`.
 */
interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

function main(): void {
  const vscode = acquireVsCodeApi();
  vscode.postMessage({ type: 'ready' });
}

main();
