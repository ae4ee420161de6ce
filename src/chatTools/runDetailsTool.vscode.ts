/**
 * `granite_run_details` (`#graniteRun`): one run's summary, log tail, its automation's recent outcomes and
 * the timeline's last events, for a model. Read-only (no confirmation asked; it changes nothing). Its data
 * comes from the shared RunDataSource (services.runData), so a run the run view holds fresh costs nothing,
 * and otherwise at most four requests, counted as `tool`; ≤ 20 an hour (runDetails.ts). Every outcome is
 * a text result: a model can read a message, not an exception.
 */
import * as vscode from 'vscode';
import type { RunDataSource } from '../runs/runData';
import type { AnalyticsStore } from '../store/store';
import {
  resolveRunInput,
  RunToolBudget,
  runDetailsText,
  runToolRequestsPerHour,
  type RunToolInput,
} from './runDetails';
import { problemText } from './toolText';

export interface RunToolDeps {
  runData: RunDataSource;
  store: Pick<AnalyticsStore, 'requestCounts'>;
  now: () => number;
  locale: string;
}

export function runDetailsTool(deps: RunToolDeps): vscode.LanguageModelTool<RunToolInput> {
  const budget = new RunToolBudget(deps.now);
  const text = (value: string) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(value)]);
  return {
    prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Reading a Granite run') }),
    invoke: async (options) => {
      const input = resolveRunInput(options.input);
      if (!input.ok) return text(problemText(input.message));
      const ids = { executionId: input.executionId, runId: input.runId };
      const blocked = budget.blockedUntil();
      const held = deps.runData.peek(input.executionId);
      if (blocked !== undefined) {
        const at = new Date(blocked).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
        const message = vscode.l10n.t(
          'granite_run_details has used its {0} requests for this hour, to spare the rate limit the Granite views need; ask again after {1}.',
          runToolRequestsPerHour,
          at,
        );
        // What is held already costs nothing: answer with it, saying how old it is.
        if (!held) return text(problemText(message));
        return text(
          `${message}\n${runDetailsText(held, { now: deps.now(), locale: deps.locale, logLines: input.logLines })}`,
        );
      }
      const before = deps.store.requestCounts.tool;
      const bundle = await deps.runData.load(ids, { source: 'tool' });
      budget.record(deps.store.requestCounts.tool - before);
      return text(runDetailsText(bundle, { now: deps.now(), locale: deps.locale, logLines: input.logLines }));
    },
  };
}
