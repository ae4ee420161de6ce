/**
 * Set API Key (checked with one real request before it is stored) and Sign Out (deletes the key and the
 * cached data). The key is typed into a password box and goes nowhere but SecretStorage and its origin.
 */
import * as vscode from 'vscode';
import { checkBaseUrl } from '../core/api/baseUrl';
import { GraniteClient } from '../core/api/client';
import { GraniteError } from '../core/api/errors';
import { keyNotSavedMessage } from '../workflows/workflowText';
import type { Services } from '../services.vscode';

export function registerCredentials(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('granite.setApiKey', () => setApiKey(services)),
    vscode.commands.registerCommand('granite.signOut', () => signOut(services)),
  );
}

/** Returns true when a key was stored. */
async function setApiKey(ctx: Services): Promise<boolean> {
  const check = checkBaseUrl(ctx.config().apiBaseUrl);
  if (!check.ok) {
    void vscode.window.showErrorMessage(check.message);
    return false;
  }
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('Granite: Set API Key'),
    prompt: ctx.config().environment
      ? vscode.l10n.t(
          "API key for the {0} environment at {1} (create one in Granite under API Management). It is stored in VS Code's secret storage.",
          ctx.config().environment!.name,
          check.origin,
        )
      : vscode.l10n.t(
          "API key for {0} (create one in Granite under API Management). It is stored in VS Code's secret storage.",
          check.origin,
        ),
    placeHolder: 'gk_live_…',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) =>
      value.trim().length < 8 ? vscode.l10n.t('An API key is at least 8 characters long.') : undefined,
  });
  if (!key) return false;
  const trimmed = key.trim();
  const client = new GraniteClient({ baseUrl: check.baseUrl, apiKey: trimmed, onExchange: (e) => ctx.log.exchange(e) });
  ctx.log.setSecrets([trimmed]);
  ctx.store.requestCounts['key-check']++;
  try {
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Checking the key with {0}…', check.origin),
      },
      () => client.fetchStatus(),
    );
  } catch (error) {
    const refused = error instanceof GraniteError && error.needsCredentials;
    const text = error instanceof GraniteError ? error.userMessage : String(error);
    void vscode.window.showErrorMessage(keyNotSavedMessage(refused, check.origin, text));
    return false;
  }
  try {
    await ctx.credentials.store(check.origin, trimmed, ctx.config().environment);
  } catch (error) {
    // Keychain failures must be visible (e.g. a locked keyring on Linux).
    void vscode.window.showErrorMessage(
      vscode.l10n.t('VS Code could not save the key in its secret storage: {0}', String(error)),
    );
    return false;
  }
  ctx.credentialsChanged();
  void vscode.window.showInformationMessage(vscode.l10n.t('Granite API key saved for {0}.', check.origin));
  void ctx.store.refresh('user');
  return true;
}

async function signOut(ctx: Services): Promise<void> {
  const check = checkBaseUrl(ctx.config().apiBaseUrl);
  if (!check.ok) {
    void vscode.window.showErrorMessage(check.message);
    return;
  }
  const { environmentStillApplies } = await ctx.credentials.delete(
    check.origin,
    ctx.environmentKeyOrigin,
    ctx.config().environment,
  );
  await ctx.cache.clear();
  ctx.store.reset();
  ctx.credentialsChanged();
  void vscode.window.showInformationMessage(
    environmentStillApplies
      ? vscode.l10n.t(
          'The stored Granite API key for {0} was deleted, but the GRANITE_API_KEY environment variable still supplies a key. Unset it to sign out completely.',
          check.origin,
        )
      : vscode.l10n.t('Signed out of {0}: the stored API key and the cached analytics were deleted.', check.origin),
  );
  void ctx.store.refresh('user');
}
