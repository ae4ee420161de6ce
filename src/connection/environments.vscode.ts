/** Granite: Switch Environment — a quick pick of the default connection and `granite.environments`. */
import * as vscode from 'vscode';
import { checkBaseUrl } from '../core/api/baseUrl';
import { inertIcons } from '../core/escaping';
import type { Services } from '../services.vscode';

export function registerEnvironments(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('granite.switchEnvironment', () => switchEnvironment(services)),
  );
}

const hostOf = (url: string) => {
  const check = checkBaseUrl(url);
  return check.ok ? check.host : vscode.l10n.t('invalid URL');
};

async function switchEnvironment(ctx: Services): Promise<void> {
  const config = ctx.config();
  if (config.environments.length === 0) {
    const open = vscode.l10n.t('Open Settings');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t(
        'No environments are configured. Add production, staging or customer organisations to "granite.environments" in your user settings.',
      ),
      open,
    );
    if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'granite.environments');
    return;
  }
  const userUrl = vscode.workspace.getConfiguration('granite').inspect<string>('apiBaseUrl');
  const defaultUrl = userUrl?.globalValue ?? userUrl?.defaultValue ?? '';
  const items: (vscode.QuickPickItem & { name: string | undefined })[] = [
    {
      label: vscode.l10n.t('Default'),
      description: inertIcons(hostOf(defaultUrl)),
      detail: vscode.l10n.t('From "granite.apiBaseUrl"'),
      name: undefined,
    },
    ...config.environments.map((env) => ({
      label: inertIcons(env.name),
      description: inertIcons(hostOf(env.apiBaseUrl)),
      name: env.name,
    })),
  ].map((item) => (item.name === config.environment?.name ? { ...item, label: `$(check) ${item.label}` } : item));
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Granite: Switch Environment'),
    placeHolder: vscode.l10n.t('Each environment uses its own API key; no key is sent to another environment.'),
  });
  if (pick) await ctx.switchEnvironment(pick.name);
}
