/**
 * Webview entry point (browser bundle). Posts `ready` once it listens; the host then sends a `state`
 * for every change, and each is rendered. Only the envelope is checked here: the host validated the
 * batch (the check is zod-free, so no validator is bundled). The VS Code API is acquired once, here,
 * and handed to the modules that need it.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { isHostMessage } from '../src/dashboard/protocol';
import { Dashboard } from './app';
import { warmUp } from './charts/warmUp';
import { Host, type VsCodeApi } from './host';
import { loadL10n } from './l10n';
import { skeleton } from './skeleton';
import { installTestHooks } from './testHooks';
import { scrollSaveDebounceMs } from './timing';

declare function acquireVsCodeApi(): VsCodeApi;

function main(): void {
  const root = document.getElementById('app')!;
  loadL10n(root);
  // vscode-elements' icons look for the codicon stylesheet by this id; the shell links it without one.
  const codicons = document.querySelector<HTMLLinkElement>('link[rel="stylesheet"][href*="codicon"]');
  if (codicons && !codicons.id) codicons.id = 'vscode-codicon-stylesheet';
  const host = new Host(acquireVsCodeApi());
  // Built, connected and laid out (invisibly, under the skeleton) before any data arrives, so the
  // components' first render and the page's first style and layout pass are not on the data path.
  const dashboard = new Dashboard(root, host);
  dashboard.element.classList.add('booting');
  dashboard.element.inert = true; // until the first state: not focusable, not clickable, not announced
  root.replaceChildren(skeleton(), dashboard.element);
  const rendered = installTestHooks(root, dashboard);

  let restored = false;
  window.addEventListener('message', (event: MessageEvent) => {
    performance.clearMarks('granite:received');
    performance.mark('granite:received'); // before reading event.data, which deserialises the message
    if (!isHostMessage(event.data)) return;
    dashboard.render(event.data.state);
    if (!restored && Object.keys(event.data.state.sections).length) {
      restored = true;
      if (host.state.scrollY > 0) window.scrollTo(0, host.state.scrollY);
    }
    rendered?.();
  });

  let scrollTimer: number | undefined;
  window.addEventListener(
    'scroll',
    () => {
      clearTimeout(scrollTimer);
      scrollTimer = window.setTimeout(() => host.patch({ scrollY: Math.round(window.scrollY) }), scrollSaveDebounceMs);
    },
    { passive: true },
  );

  host.post({ type: 'ready' });
  warmUp();
}

main();
