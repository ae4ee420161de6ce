/**
 * Timing values shared by several surfaces (a value used by one module is named in that module). Named
 * with their unit, each with why it is what it is.
 */

/** How long a transient status-bar message ("Copied …") stays: long enough to read, gone before it is stale. */
export const statusMessageMs = 3000;
