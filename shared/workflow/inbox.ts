import * as z from 'zod';
import { pageFields } from '../form/paging.js';
import { parse } from '../form/parse.js';
import { type Identity, isUnitRole } from '../identity/identity.js';
import type { Clock } from '../ports/clock.js';
import type { Inbox, InboxEntry } from '../ports/inbox.js';
import type { Page } from '../ports/page.js';

const inboxQuerySchema = z.object(pageFields(50));

export interface InboxItem extends InboxEntry {
  overdue: boolean;
}

/** GET /api/inbox: the open steps of the user's role (and unit), newest first, overdue ones flagged. */
export async function inboxPage(
  deps: { inbox: Inbox; clock: Clock },
  user: Identity,
  query: unknown,
): Promise<Page<InboxItem>> {
  const { limit, cursor } = parse(inboxQuerySchema, query);
  const page = await deps.inbox.inbox(
    user.role,
    isUnitRole(user.role) ? user.unit : undefined,
    limit,
    cursor,
  );
  const now = deps.clock.now().toISOString();
  return { ...page, items: page.items.map((e) => ({ ...e, overdue: e.dueAt < now })) };
}
