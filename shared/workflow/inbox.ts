import * as z from 'zod';
import { regionDay } from '../calendar.js';
import type { Delegation } from '../delegation/delegation.js';
import { pageFields } from '../form/paging.js';
import { parse } from '../form/parse.js';
import { type Identity, isUnitRole } from '../identity/identity.js';
import type { Clock } from '../ports/clock.js';
import type { Delegations } from '../ports/delegations.js';
import type { Inbox, InboxEntry } from '../ports/inbox.js';
import type { Page } from '../ports/page.js';

const inboxQuerySchema = z.object(pageFields(50));

/** The open steps of an office one acts for are few (signatures, initials): all shown at once. */
const ACTING_LIMIT = 100;

export interface InboxItem extends InboxEntry {
  overdue: boolean;
  /** A step of an office the user acts for (Plt., Plh., a.n.), not of their own role. */
  actingFor?: Pick<Delegation, 'kind' | 'office'> & { delegationId: string };
}

export interface InboxDeps {
  inbox: Inbox;
  clock: Clock;
  delegations: Pick<Delegations, 'inForce'>;
  regionId: string;
}

/**
 * GET /api/inbox: the open steps of the user's role (and unit), newest first, overdue ones flagged;
 * the first page starts with the steps of the offices the user acts for today (a.n.: signatures only).
 */
export async function inboxPage(deps: InboxDeps, user: Identity, query: unknown): Promise<Page<InboxItem>> {
  const { limit, cursor } = parse(inboxQuerySchema, query);
  const now = deps.clock.now();
  const [page, acting] = await Promise.all([
    deps.inbox.inbox(user.role, isUnitRole(user.role) ? user.unit : undefined, limit, cursor),
    cursor ? [] : actingEntries(deps, user, now),
  ]);
  const at = now.toISOString();
  return {
    ...page,
    items: [...acting, ...page.items].map((e) => ({ ...e, overdue: e.dueAt < at })),
  };
}

async function actingEntries(deps: InboxDeps, user: Identity, now: Date) {
  const mine = (await deps.delegations.inForce(deps.regionId, regionDay(now))).filter(
    (d) => d.delegate.id === user.sub && d.office !== user.role,
  );
  const pages = await Promise.all(
    mine.map(async (d) => {
      const { items } = await deps.inbox.inbox(d.office, undefined, ACTING_LIMIT);
      return items
        .filter((e) => d.kind !== 'an' || e.kind === 'sign')
        .map((e) => ({ ...e, actingFor: { delegationId: d.id, kind: d.kind, office: d.office } }));
    }),
  );
  return pages.flat();
}
