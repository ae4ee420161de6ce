/**
 * Run Again, the VS Code side: the only place the extension starts an automation on Granite. Off unless
 * `granite.runs.allowRunAgain` (application scope: user settings only) is on and the workspace is trusted.
 * Every path (the run view's `runAgain(bundle, json)` and the `granite.runAgain` command) goes through
 * `runAgain` below: parameters checked (runAgain.ts), then VS Code's own modal dialog, which no webview
 * message, command argument or `command:` link can answer (tests answer it through GraniteTestApi's
 * confirmation door; production always shows the modal), the environment checked again, the write sent
 * once (runsWriteApi.ts), and the new run followed (runAgainFollow.ts), opened, and announced once.
 * The chat tools and notifications never import this file (test/unit/runAgain/runAgainReach.test.ts).
 */
import * as vscode from 'vscode';
import type { GraniteClient } from '../core/api/client';
import { GraniteError } from '../core/api/errors';
import { RunsApi } from '../core/api/runsApi';
import { RunWriteError, RunsWriteApi } from '../core/api/runsWriteApi';
import { Disposable } from '../core/disposable';
import { Emitter } from '../core/emitter';
import { inertLinkedText } from '../core/escaping';
import type { Services } from '../services.vscode';
import type { RunBundle } from '../runs/runBundle';
import type { RunAgainHook } from '../runs/runViewDeps';
import { idsFrom } from '../runs/runCommands.vscode';
import {
  checkParameters,
  chooseRoute,
  confirmationText,
  followEndText,
  parametersJsonOf,
  type RunAgainOutcome,
} from './runAgain';
import { loadRunAgainBundle } from './runAgainBundle';
import { RunFollower, type FollowTarget } from './runAgainFollow';
import { notAllowedMessage, sendOnce } from './runAgainSend';

export const allowSetting = 'runs.allowRunAgain';
/** Set when Run Again is allowed: the palette shows `granite.runAgain` only then. */
const allowedContextKey = 'granite.runAgainAllowed';
/** How long the "sent" note stays in the status bar: the end is announced by a notification. */
const sentMessageMs = 8_000;

/** Answers the confirmation; `true` means "Run". Only the test door supplies one other than the modal. */
export type Confirmer = (text: { message: string; detail: string }) => Promise<boolean>;

export interface RunAgainOptions {
  /** GraniteTestApi's door: when it returns a confirmer, that answers instead of the modal (never in production). */
  confirmer?: () => Confirmer | undefined;
}

export interface RunAgain {
  runAgain(bundle: RunBundle, parametersJson: string): Promise<RunAgainOutcome>;
  /** The setting is on and the workspace is trusted. */
  isAllowed(): boolean;
  /** The text of each notification announcing a followed run's end (tests count them). */
  readonly onDidAnnounce: (listener: (text: string) => void) => { dispose(): unknown };
}

/** The setting, from the user level only (its scope is `application`; a workspace value is never read). */
function settingOn(): boolean {
  return vscode.workspace.getConfiguration('granite').inspect<boolean>(allowSetting)?.globalValue === true;
}

const modal: Confirmer = async ({ message, detail }) => {
  const run = vscode.l10n.t('Run');
  // A dialog that cannot be shown (VS Code refuses them under its extension tests) is a "no".
  const choice = await Promise.resolve(vscode.window.showWarningMessage(message, { modal: true, detail }, run)).catch(
    () => undefined,
  );
  return choice === run;
};

class RunAgainFeature extends Disposable implements RunAgain {
  private readonly announced = this.register(new Emitter<string>());
  readonly onDidAnnounce = this.announced.event;
  private readonly followers = new Set<RunFollower>();
  /** One Run Again at a time, from asking to sending: a second request meanwhile (a double click) is refused. */
  private busy = false;

  constructor(
    private readonly services: Services,
    private readonly options: RunAgainOptions,
  ) {
    super('runAgain');
    this.register({ dispose: () => this.stopFollowing() });
    // Another connection: its key must not be used to follow a run started with the previous one.
    this.register(services.settings.onDidChangeConnection(() => this.stopFollowing()));
  }

  isAllowed(): boolean {
    return settingOn() && vscode.workspace.isTrusted;
  }

  private stopFollowing(): void {
    for (const follower of this.followers) follower.dispose();
    this.followers.clear();
  }

  private count(): void {
    this.services.store.requestCounts.runAgain++;
  }

  async runAgain(bundle: RunBundle, parametersJson: string): Promise<RunAgainOutcome> {
    if (this.busy)
      return { kind: 'cancelled', message: vscode.l10n.t('Run Again is already waiting for a confirmation.') };
    this.busy = true;
    try {
      return await this.askAndSend(bundle, parametersJson);
    } finally {
      this.busy = false;
    }
  }

  private async askAndSend(bundle: RunBundle, parametersJson: string): Promise<RunAgainOutcome> {
    const t = vscode.l10n.t;
    if (!this.isAllowed()) return notAllowed();
    const { detail, info, organization } = bundle;
    if (detail.state !== 'ok' || info.state !== 'ok' || !organization)
      return {
        kind: 'missing',
        message: t(
          "Run Again needs the execution's details, the automation's info and the organisation; reload the run.",
        ),
      };
    const check = checkParameters(parametersJson, info.value.parameters_schema);
    if (!check.ok)
      return {
        kind: 'invalid',
        message: t('Nothing was sent: {0}', check.problems.join(' ')),
        problems: check.problems,
      };
    const before = await this.connection();
    if (!before) return { kind: 'missing', message: t('Run Again needs an API key for this connection.') };
    const route = chooseRoute({
      origin: before.client.origin,
      baseUrl: before.client.baseUrl,
      organization,
      info: info.value,
    });
    const workflow = workflowName(bundle, this.services);
    const config = this.services.config();
    const text = confirmationText({
      workflow,
      environment: config.environment?.name,
      origin: before.client.origin,
      organization: organization.name ?? organization.slug ?? organization.id,
      route,
      parameters: check.values,
    });
    const confirm = this.options.confirmer?.() ?? modal;
    if (!(await confirm(text))) return { kind: 'cancelled', message: t('Run Again cancelled; nothing was sent.') };

    // The dialog may have stayed open while the setting, the trust, the environment or the key changed.
    if (!this.isAllowed()) return notAllowed();
    const after = await this.connection();
    if (!after || after.slot !== before.slot || after.cacheId !== before.cacheId) {
      const message = t(
        'The Granite environment changed while the dialog was open, so nothing was sent. Run it again from the new environment if you meant to.',
      );
      void vscode.window.showWarningMessage(message);
      return { kind: 'environment-changed', message };
    }
    const writes = new RunsWriteApi(after.client);
    const sentAt = this.services.now();
    this.count();
    try {
      const known = new Set(
        bundle.history.state === 'ok' ? bundle.history.value.executions.map((e) => e.execution_id) : [],
      );
      known.add(detail.value.execution_id);
      const { target, outcome } = await sendOnce(writes, {
        route,
        values: check.values,
        list: check.list,
        runId: info.value.run_id,
        known,
        workflow,
        sentAt,
      });
      vscode.window.setStatusBarMessage(inertLinkedText(outcome.message), sentMessageMs);
      this.follow(target, after.client, organization.id, workflow, info.value.run_id);
      return outcome;
    } catch (error) {
      const failure =
        error instanceof RunWriteError
          ? error
          : new RunWriteError(
              'unknown',
              error instanceof GraniteError ? error.userMessage : String(error),
              'NetworkError',
            );
      this.services.log.warn(`Run Again: ${failure.message}`);
      void vscode.window.showErrorMessage(inertLinkedText(failure.userMessage));
      return { kind: 'failed', outcome: failure.outcome, message: failure.userMessage };
    }
  }

  private follow(target: FollowTarget, client: GraniteClient, orgId: string, workflow: string, runId: string): void {
    const runs = new RunsApi(client);
    const follower: RunFollower = new RunFollower(target, {
      time: {
        now: this.services.now,
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
      },
      reads: {
        agentRun: (id) => runs.fetchAgentRun(id),
        history: (automation) => runs.fetchHistory(orgId, automation, { limit: 20 }),
        execution: (id) => client.fetchExecution(orgId, id),
      },
      gate: () => this.services.scheduler.canRequestNow(),
      countRequest: () => this.count(),
      onExecution: (executionId) =>
        void Promise.resolve(vscode.commands.executeCommand('granite.openRun', { executionId, runId })).catch(
          (error: unknown) => this.services.log.warn(`Run Again: could not open the new run: ${String(error)}`),
        ),
      onEnd: (end) => {
        this.followers.delete(follower);
        follower.dispose();
        const { text, severity } = followEndText(workflow, end);
        const shown = inertLinkedText(text);
        void (severity === 'info'
          ? vscode.window.showInformationMessage(shown)
          : vscode.window.showWarningMessage(shown));
        this.announced.fire(text);
      },
    });
    if (!follower.isDisposed) this.followers.add(follower);
  }

  private async connection(): Promise<{ client: GraniteClient; cacheId: string; slot: string } | undefined> {
    const connection = await this.services.store.connection();
    if (!('client' in connection)) return undefined;
    return { client: connection.client, cacheId: connection.cacheId, slot: this.services.settings.slot() };
  }
}

function notAllowed(): RunAgainOutcome {
  return { kind: 'not-allowed', message: notAllowedMessage(vscode.workspace.isTrusted) };
}

/** The workflow's name: from the failure record when there is one (the execution detail has none). */
function workflowName(bundle: RunBundle, services: Services): string {
  const failure = bundle.failure ?? services.store.findFailure(bundle.ids.executionId);
  return failure?.workflow_name ?? vscode.l10n.t('automation {0}', bundle.ids.runId);
}

/**
 * The command's arguments: only `executionId` and `parametersJson` are read, anything else is ignored;
 * from the palette, the run open in the editor (a `granite-run:` document).
 */
function commandArgs(arg: unknown): { executionId?: string; parametersJson?: string } {
  if (!arg || typeof arg !== 'object') return { executionId: idsFrom(undefined)?.executionId };
  const { executionId, parametersJson } = arg as Record<string, unknown>;
  return {
    executionId: typeof executionId === 'string' && executionId ? executionId : undefined,
    parametersJson: typeof parametersJson === 'string' ? parametersJson : undefined,
  };
}

/** Says why nothing was sent when the user must act (the other outcomes announce themselves). */
function show(outcome: RunAgainOutcome): RunAgainOutcome {
  if (outcome.kind === 'not-allowed' || outcome.kind === 'missing' || outcome.kind === 'invalid')
    void vscode.window.showErrorMessage(inertLinkedText(outcome.message));
  return outcome;
}

/** The run view's "Run Again…" (runViewDeps.ts's hook): the same checks, modal and messages as the command. */
export function runAgainHook(runAgain: RunAgain): RunAgainHook {
  return {
    allowed: () => runAgain.isAllowed(),
    run: async (bundle, parametersJson) => void show(await runAgain.runAgain(bundle, parametersJson)),
  };
}

export function registerRunAgain(
  context: vscode.ExtensionContext,
  services: Services,
  options: RunAgainOptions = {},
): RunAgain {
  const feature = new RunAgainFeature(services, options);
  const updateContext = () => void vscode.commands.executeCommand('setContext', allowedContextKey, feature.isAllowed());
  updateContext();
  context.subscriptions.push(
    feature,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`granite.${allowSetting}`)) updateContext();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(updateContext),
    vscode.commands.registerCommand('granite.runAgain', async (arg?: unknown): Promise<RunAgainOutcome | undefined> => {
      const { executionId, parametersJson } = commandArgs(arg);
      if (!feature.isAllowed()) return show(notAllowed());
      if (!executionId)
        return show({
          kind: 'missing',
          message: vscode.l10n.t('Run Again needs a run: open one first (Granite: Open Run).'),
        });
      const connection = await services.store.connection();
      if (!('client' in connection))
        return show({ kind: 'missing', message: vscode.l10n.t('Run Again needs an API key for this connection.') });
      const loaded = await loadRunAgainBundle(executionId, {
        client: connection.client,
        findFailure: (id) => services.store.findFailure(id),
        now: services.now,
        countRequest: () => services.store.requestCounts.runAgain++,
      });
      if (!loaded.ok) return show({ kind: 'missing', message: loaded.message });
      const { bundle } = loaded;
      const json =
        parametersJson ?? parametersJsonOf(bundle.detail.state === 'ok' ? bundle.detail.value.parameters : undefined);
      return show(await feature.runAgain(bundle, json));
    }),
  );
  return feature;
}
