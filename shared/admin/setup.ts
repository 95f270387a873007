import * as z from 'zod';
import { parse } from '../form/parse.js';
import { plainText } from '../form/text.js';
import { regionProfileInputSchema } from './region.js';
import type { RegionAdmin } from './region-admin.js';
import type { User } from './user.js';
import { nipSchema, usernameSchema } from './user.js';
import {
  createFirstAdmin,
  mustHaveNoAdmin,
  needsFirstAdmin,
  SETUP_ACTOR,
  type UserAdminDeps,
} from './users.js';

/**
 * POST /api/setup on an empty embedded stack: the region's profile and its first admin (the admin's
 * role is implied; every user after is invited by an admin).
 */
export const setupSchema = z.object({
  region: regionProfileInputSchema,
  admin: z.object({
    name: plainText(200),
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
    nip: nipSchema,
    username: usernameSchema,
  }),
});

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
