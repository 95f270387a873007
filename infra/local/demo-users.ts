import * as z from 'zod';
import type { Enrolment } from '../../shared/adapters/local/bsre-simulator.js';
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

/**
 * Who the embedded stack's BSrE simulator has issued certificates to: the demo signers, by the NIK the
 * seed gives them, with their demo passphrases (fictional, and kept by the simulator only as hashes).
 */
export const SEED_BSRE: readonly Enrolment[] = z
  .object({ bsre: z.array(z.object({ nik: z.string(), passphrase: z.string().min(8) })) })
  .parse(demoRegion)
  .bsre.map(({ nik, passphrase }) => {
    const user = SEED_USERS.find((u) => u.nik === nik);
    if (!user) throw new Error(`seed bsre: no seed user has NIK ${nik}`);
    const { id, username, name, email, role } = user;
    return { nik, user: { id, username, name, email, role }, passphrase };
  });
