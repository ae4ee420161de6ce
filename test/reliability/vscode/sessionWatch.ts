/**
 * The session watch: mocha root hooks (test/integration/index.ts passes them as `rootHooks`) that watch
 * every test of the integration run for an API key on a VS Code surface or in a notification. What they
 * find, secretHygiene.test.ts checks after every other suite.
 */
import type Mocha from 'mocha';
import type { GraniteTestApi } from '../../../src/extension';
import { control } from '../../integration/control';
import { extensionApi } from '../../integration/simulatorSession';
import { statusTooltip } from './surfaces';
import { secretsIn, tapDashboard } from './session';
import { notificationTexts, watchNotifications } from './workbench';

/** What the watch found so far. */
export const watched = {
  /** Where a key showed up on a VS Code surface, checked after every test of the run. */
  surfaceLeaks: [] as string[],
  surfaceScans: 0,
  notifications: { read: 0, scanned: 0, leaks: [] as string[] },
};

/** The text of the views a key could reach: store errors, the tree's messages, the status bar. */
export function surfaceText(api: GraniteTestApi): string {
  const s = api.store.state;
  return [
    s.error?.message,
    s.error?.userMessage,
    s.error?.serverMessage,
    s.analyticsDisabled,
    api.tree.view.message,
    api.tree.view.description,
    api.statusBar.item.text,
    statusTooltip(api),
    api.statusBar.item.accessibilityInformation?.label,
  ].join('\n');
}

export const sessionWatch: Mocha.RootHookObject = {
  // From the start of the run: every message posted to a dashboard, every notification rendered.
  async beforeAll() {
    tapDashboard(await extensionApi());
    if (control.available) await watchNotifications();
  },
  async afterEach(this: Mocha.Context) {
    const test = this.currentTest?.fullTitle() ?? '?';
    const found = secretsIn(surfaceText(await extensionApi()));
    watched.surfaceScans++;
    if (found.length) watched.surfaceLeaks.push(`after "${test}": ${found.length} key(s) on a surface`);
    if (!control.available) return;
    // Every notification rendered during the test, closed or not (the record starts again after a reload).
    const notifications = watched.notifications;
    const recorded = await watchNotifications();
    if (recorded < notifications.read) notifications.read = 0;
    const texts = await notificationTexts(notifications.read);
    notifications.read += texts.length;
    notifications.scanned += texts.length;
    for (const text of texts) {
      const keys = secretsIn(text);
      if (keys.length) notifications.leaks.push(`during "${test}": ${keys.length} key(s) in a notification`);
    }
  },
};
