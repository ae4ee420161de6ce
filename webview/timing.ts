/**
 * The webview's timing values, named with their unit and why. Kept in this import-free module so that the
 * bundler inlines them (a named constant costs the bundle nothing).
 */

/** The scroll position is saved (setState) once scrolling pauses, not on every scroll event. */
export const scrollSaveDebounceMs = 200;

/** The failure search runs once typing pauses: matching thousands of messages on every key would lag. */
export const searchDebounceMs = 150;

/** Thousands of workflow options are built when the page is idle, and at the latest after this long. */
export const workflowOptionsIdleTimeoutMs = 3000;

/** Charts below the fold are drawn when the page is idle, and at the latest after this long. */
export const offscreenDrawTimeoutMs = 1000;

/** Another chart is drawn in an idle slice only while this much of it remains (one chart takes a few ms). */
export const minIdleLeftMs = 8;

/** How often the test hook `__graniteAllCharts` looks again while charts still wait to be drawn. */
export const allDrawnPollMs = 20;
