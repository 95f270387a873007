import * as z from 'zod';
import { type NewUser, newUserSchema } from '../../shared/admin/user.js';
import type { Identity } from '../../shared/identity/identity.js';
import demoRegion from './seed/demo-region.json' with { type: 'json' };

/** A user of the seed file: whom the admin would have invited, with the id their account has. */
export type SeedUser = NewUser & { id: string; username: string };

const seedUserSchema = z
  .looseObject({ id: z.string().regex(/^[\w-]{1,64}$/) })
  .transform(({ id, ...rest }, ctx): SeedUser => {
    const user = newUserSchema.safeParse(rest);
    if (!user.success || !user.data.username) {
      ctx.addIssue({ code: 'custom', message: `seed user ${id}: ${user.error?.message ?? 'no username'}` });
      return z.NEVER;
    }
    return { ...user.data, id, username: user.data.username };
  });

/** The demo region's users, as `infra/local/seed/demo-region.json` lists them (fictional people). */
export const SEED_USERS: readonly SeedUser[] = z
  .object({ users: z.array(seedUserSchema) })
  .parse(demoRegion).users;

/** The demo users as the handlers see them once signed in: every role, and two OPDs. */
export const DEMO_USERS: readonly Identity[] = SEED_USERS.map((u) => ({
  sub: u.id,
  username: u.username,
  name: u.name,
  email: u.email,
  role: u.role,
  ...(u.unit ? { unit: u.unit } : {}),
}));
