import { parse } from '../form/parse.js';
import type { RegionAdmin } from './region-admin.js';
import { setupSchema } from './setup.js';
import type { User } from './user.js';
import {
  createFirstAdmin,
  mustHaveNoAdmin,
  needsFirstAdmin,
  SETUP_ACTOR,
  type UserAdminDeps,
} from './users.js';

export interface SetupDeps {
  users: UserAdminDeps;
  region: Pick<RegionAdmin, 'put'>;
  regionId: string;
}

/** GET /api/setup: whether the region still waits for its first admin. */
export const setupNeeded = async ({ users, regionId }: SetupDeps): Promise<boolean> =>
  needsFirstAdmin(users.users, regionId);

/**
 * The first start: the profile, then the first admin, each an admin-log event by "First setup". Only
 * while the region has no enabled admin (409 afterwards). The admin comes last so that a setup that
 * failed half-way is still open and its retry completes it: the profile written again changes nothing.
 */
export async function setUp(deps: SetupDeps, body: unknown): Promise<User> {
  const input = parse(setupSchema, body);
  await mustHaveNoAdmin(deps.users.users, deps.regionId);
  await deps.region.put(SETUP_ACTOR, input.region);
  return createFirstAdmin(deps.users, deps.regionId, input.admin);
}
