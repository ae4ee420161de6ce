/**
 * The run view's entry point (dist/runView.js, its own bundle: no chart.js, no zod). Posts `ready` once it
 * listens; the host then sends the run's state and, when the Timeline is shown, its screenshots. Only the
 * envelope is checked here (the host validated the data).
 */
import { isRunViewHostMessage } from '../../src/runs/runViewProtocol';
import type { VsCodeApi } from '../host';
import { loadL10n } from '../l10n';
import { installTestHooks } from '../testHooks';
import { RunViewApp } from './app';
import { RunViewHost } from './host';

declare function acquireVsCodeApi(): VsCodeApi;

function main(): void {
  const root = document.getElementById('app')!;
  loadL10n(root);
  const host = new RunViewHost(acquireVsCodeApi());
  const app = new RunViewApp(host);
  root.replaceChildren(app.element);
  const rendered = installTestHooks(root);
  window.addEventListener('message', (event: MessageEvent) => {
    performance.clearMarks('granite:received');
    performance.mark('granite:received'); // before reading event.data, which deserialises the message
    if (!isRunViewHostMessage(event.data)) return;
    const message = event.data;
    if (message.type === 'screenshot') {
      app.screenshot(message.index, { dataUrl: message.dataUrl, error: message.error });
      return;
    }
    app.render(message.state);
    performance.clearMarks('granite:drawn'); // keep only the latest (the bench reads it)
    performance.mark('granite:drawn');
    root.removeAttribute('aria-busy');
    rendered?.();
  });
  host.post({ type: 'ready' });
}

main();
