/** The dashboard's webview type (also in package.json's `onWebviewPanel:` activation event). */
export const dashboardViewType = 'granite.dashboard';
