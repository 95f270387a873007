import { pageQuerySchema } from '../form/paging.js';
import { parse } from '../form/parse.js';
import type { Identity } from '../identity/identity.js';
import type { AdminLog } from '../ports/admin-log.js';
import type { Page } from '../ports/page.js';
import { ChainCheck } from '../workflow/audit.js';
import type { AdminEvent } from './admin-log.js';
import { requireAdmin } from './authorize.js';

/**
 * A page of the log, newest first, and whether the whole chain still verifies (checked in constant
 * memory, oldest first): a page shows what was changed, and that nothing of it was changed since.
 */
export async function readAdminLog(
  log: AdminLog,
  user: Pick<Identity, 'role'>,
  regionId: string,
  query: unknown,
): Promise<Page<AdminEvent> & { chainIntact: boolean; brokenAt?: number }> {
  requireAdmin(user);
  const { cursor, limit } = parse(pageQuerySchema, query);
  const check = new ChainCheck();
  const [page] = await Promise.all([
    log.page(regionId, limit, cursor),
    log.pages(regionId, (events) => {
      for (const event of events) if (!check.add(event)) break;
    }),
  ]);
  return check.brokenAt === undefined
    ? { ...page, chainIntact: true }
    : { ...page, chainIntact: false, brokenAt: check.brokenAt };
}
