/**
 * The API's shapes the web app reads (web/src/types.ts imports them from here, and goes when it
 * imports them from shared/ports/ instead). The ports themselves: shared/ports/, a file a concern.
 */
export type { ArchiveSummary } from './ports/archive.js';
export type { InboxEntry } from './ports/inbox.js';
export type { Page } from './ports/page.js';
