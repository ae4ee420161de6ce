/* global document -- functions passed to frame.evaluate run in the page */
// `npm run demo -- --screenshots DIR`: drives the demo in headless Chromium and writes the README's PNGs:
// the sidebar with the status bar, the dashboard in dark and light themes, and the recent failures with a
// run's details open. Waits on UI state by polling, never on fixed sleeps.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { poll } from './vscode-control.mjs';

/** The dashboard webview's inner frame (webviews are nested iframes). */
async function dashboardFrame(page) {
  return poll(
    async () => {
      for (const frame of page.frames()) {
        const ready = await frame
          .evaluate(() => {
            const app = document.querySelector('main#app');
            return !!app && app.getAttribute('aria-busy') === 'false' && document.querySelectorAll('canvas').length > 0;
          })
          .catch(() => false);
        if (ready) return frame;
      }
      return undefined;
    },
    60_000,
    'the dashboard to render',
  );
}

async function runCommand(page, title) {
  // Keys typed while a webview has focus stay in its iframe: give the workbench the focus first.
  await page.click('.part.statusbar', { position: { x: 700, y: 10 } }).catch(() => undefined);
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(title);
  await poll(
    async () =>
      ((await page.textContent('.quick-input-list .monaco-list-row.focused').catch(() => '')) ?? '').includes(
        title
          .replace(/^>?\s*/, '')
          .split(': ')
          .pop(),
      ) || undefined,
    10_000,
    `"${title}" in the palette`,
  );
  await page.keyboard.press('Enter');
}

/**
 * Switches the colour theme in the user settings and reloads the window: the dashboard comes back through
 * its serializer (so this also shows that a reload restores it).
 */
async function setTheme(session, page, theme, bodyClass) {
  const settings = JSON.parse(readFileSync(session.userSettingsPath, 'utf8'));
  writeFileSync(session.userSettingsPath, JSON.stringify({ ...settings, 'workbench.colorTheme': theme }, null, 2));
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForSelector(`.monaco-workbench.${bodyClass}`, { timeout: 60_000 });
  await page.waitForSelector('.statusbar-item[aria-label^="Granite success rate"]', { timeout: 60_000 });
  // Show Analytics reveals the restored panel, or opens it if the reload did not keep it.
  await runCommand(page, 'Granite: Show Analytics');
}

export async function takeScreenshots(session, dir) {
  mkdirSync(dir, { recursive: true });
  const { page } = session;
  const files = [];
  const shot = async (name, target = page) => {
    const file = join(dir, `${name}.png`);
    await target.screenshot({ path: file });
    files.push(file);
  };
  await page.waitForSelector('.statusbar-item[aria-label^="Granite success rate"]', { timeout: 60_000 });
  await page.click('.activitybar [aria-label^="Granite"]');
  await poll(
    async () => (await page.locator('.pane-body .monaco-list-row').count()) > 3 || undefined,
    30_000,
    'the Workflows tree',
  );
  await poll(
    async () =>
      !(await page.textContent('.statusbar-item[aria-label^="Granite success rate"]'))?.includes('Granite') ||
      undefined,
    30_000,
    'the status bar rate',
  );
  await shot('sidebar');

  await runCommand(page, 'Granite: Show Analytics');
  await dashboardFrame(page);
  await shot('dashboard-dark');

  await setTheme(session, page, 'Default Light Modern', 'vs');
  await poll(
    async () => {
      const frame = await dashboardFrame(page);
      return (await frame.evaluate(() => document.body.classList.contains('vscode-light'))) || undefined;
    },
    30_000,
    'the dashboard to take the light theme',
  );
  await shot('dashboard-light');

  await setTheme(session, page, 'Default Dark Modern', 'vs-dark');
  const frame = await dashboardFrame(page);
  const openRun = frame.locator('button:has-text("Open run")').first();
  await openRun.scrollIntoViewIfNeeded();
  await openRun.click();
  await page.waitForSelector('.tab [aria-label*="Run "], .tab[aria-label*="Run "]', { timeout: 30_000 });
  await shot('failures-and-run-details');
  return files;
}
