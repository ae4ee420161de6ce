/**
 * The run view's timing and size values, named with their unit and why. Import-free, so the bundler
 * inlines them.
 */

/** A log search runs once typing pauses: scanning 10 MB on every key would queue work behind work. */
export const logSearchDebounceMs = 150;

/** A log search scans for at most this long before yielding, so no main-thread task nears 200 ms. */
export const logSearchSliceMs = 30;

/** Characters lower-cased and scanned per step of a search (a slice runs several steps). */
export const logSearchChunkChars = 512 * 1024;

/** Past this many matches a search stops counting: the count reads "10,000+" and nothing stalls. */
export const maxLogMatches = 10_000;

/** Height of one log line in px; the CSS (.log-row) uses the same value, the virtual list depends on it. */
export const logLineHeightPx = 18;

/** The log window's height in px at most (20 lines): a long log scrolls inside it. */
export const logViewportPx = 360;

/** Lines drawn above and below the visible ones, so a fast scroll shows text rather than gaps. */
export const logOverscanLines = 20;

/** The virtual list's height in px at most: browsers cap an element's height (Chromium near 16.7 M px). */
export const maxLogScrollPx = 8_000_000;

/** A line longer than this shows its start and how much is left out (Copy still gives all of it). */
export const maxLogLineChars = 5_000;

/** Timeline rows built per task: a few ms each, so a 2,000-event trace is drawn without a long task. */
export const timelineBatchRows = 200;

/** A JSON object or array shows this many children at a time; the next ones come from a "more" item. */
export const jsonTreePageSize = 200;

/** A string in the JSON tree longer than this is shortened (Copy gives the whole result). */
export const maxJsonStringChars = 2_000;
