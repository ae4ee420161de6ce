/**
 * The dashboard's webview as the workbench page holds it, read through the control channel: whether its
 * frame exists, how many states it drew (through the webview's own `__graniteRendered`), and, when it does
 * not load, what VS Code's webview host frame is waiting for.
 */
import { control } from '../../integration/control';

/** Frames that hold the dashboard's page (drawn or not). */
export async function dashboardFrames(): Promise<number> {
  return (await control.evaluateInFrames<boolean>(`document.querySelector('#app .dashboard') ? true : undefined`))
    .length;
}

/**
 * How many states the dashboard's webview has drawn since the count was first asked for in this frame,
 * as an absolute render count (0 until the next render after that); undefined until it drew its first
 * state. `__graniteRendered` resolves with the render count after each render.
 */
export async function renderCount(): Promise<number | undefined> {
  const found = await control.evaluateInFrames<number>(`(() => {
    if (!document.querySelector('#app .dashboard:not(.booting)') || !window.__graniteRendered) return undefined;
    if (globalThis.__cycleRenders === undefined) {
      globalThis.__cycleRenders = 0;
      const watch = () => window.__graniteRendered.then((n) => { globalThis.__cycleRenders = n; watch(); });
      watch();
    }
    return globalThis.__cycleRenders;
  })()`);
  return found[0]?.value;
}

interface HostFrame {
  id: string;
  controller: string;
  registration: string;
  frames: string[];
}

/**
 * What the webview host frames (VS Code's `pre/index.html`, one per webview) are doing: which service
 * worker controls each (its own, another webview's, none), what the registration holds, and which content
 * frames exist (`pending-frame` until the page loaded, then `active-frame`); and whether the dashboard's
 * page exists and drew.
 */
export async function webviewLoadState(): Promise<string> {
  const hosts = await control.evaluateInFrames<HostFrame>(`(async () => {
    const params = new URL(location.href).searchParams;
    if (!location.pathname.endsWith('/index.html') || !params.has('swVersion')) return undefined;
    const id = params.get('id');
    const workerId = (w) => (w ? (new URL(w.scriptURL).searchParams.get('id') === id ? 'own' : 'another webview’s') : 'none');
    const registration = await navigator.serviceWorker?.getRegistration();
    return {
      id: String(id).slice(0, 8),
      controller: workerId(navigator.serviceWorker?.controller),
      registration: registration ? 'active ' + workerId(registration.active) + ', waiting ' + workerId(registration.waiting) + ', installing ' + workerId(registration.installing) : 'none',
      frames: [...document.querySelectorAll('iframe')].map((f) => f.id || f.name || '?'),
    };
  })()`);
  const pages = await control.evaluateInFrames<string>(
    `document.querySelector('#app') ? (document.querySelector('#app .dashboard:not(.booting)') ? 'drawn' : 'not drawn') : undefined`,
  );
  // The content frame loads the same page (without frames of its own): the host frames are the others.
  const outer = hosts.filter(({ value: h }) => h.frames.length > 0);
  const described = (outer.length ? outer : hosts).map(
    ({ value: h }) =>
      `webview ${h.id}: controlled by ${h.controller} service worker (registration: ${h.registration}), content frames [${h.frames.join(', ')}]`,
  );
  return `${described.join('; ') || 'no webview host frame'}; dashboard page ${pages.map((p) => p.value).join(', ') || 'absent'}`;
}
