import * as z from 'zod';
import { unitCode } from '../form/agreement-form.js';
import { say } from '../form/messages.js';
import { plainText } from '../form/text.js';
import { ROLES, UNIT_ROLES } from '../identity/identity.js';
import { regionProfileInputSchema } from './region.js';
import { nipSchema as nip } from './user.js';

/*
 * The bodies of the administration's requests (issue 13's API contract), one schema per concept:
 * the API parses them and the web app's forms judge what is typed with the very same schemas.
 */

const needsUnit = (u: { role?: string | undefined; unit?: string | undefined }) =>
  !u.role || !UNIT_ROLES.includes(u.role as never) || u.unit !== undefined;
const unitRequired = {
  path: ['unit'],
  params: say('peran OPD memerlukan unit', 'an OPD role needs a unit'),
};

/** Who a user is: the same for an invitation and for the first admin. */
const person = z.object({ name: plainText(200), email: z.email(), nip });
const username = z.string().refine((s) => /^[a-z0-9][a-z0-9._-]{2,63}$/.test(s), {
  params: say(
    '3–64 huruf kecil, angka, titik, garis bawah atau tanda hubung',
    '3–64 lower-case letters, digits, dots, underscores or hyphens',
  ),
});

/** POST /api/admin/users: the invitation (the cloud emails a temporary password). */
export const userInviteSchema = person
  .extend({ role: z.enum(ROLES), unit: unitCode.optional(), username: username.optional() })
  .refine(needsUnit, unitRequired);

/** PATCH /api/admin/users/{id}. */
export const userPatchSchema = z
  .object({ role: z.enum(ROLES).optional(), unit: unitCode.optional(), enabled: z.boolean().optional() })
  .refine(needsUnit, unitRequired);

/** POST /api/setup: the region and its first admin, on an empty embedded stack. */
export const setupSchema = z.object({ region: regionProfileInputSchema, admin: person.extend({ username }) });
