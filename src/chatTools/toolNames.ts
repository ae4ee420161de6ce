/** The language-model tools' names, as in `contributes.languageModelTools` (kept small: activation imports it). */
export const toolNames = {
  summary: 'granite_analytics_summary',
  failures: 'granite_workflow_failures',
  run: 'granite_run_details',
} as const;
