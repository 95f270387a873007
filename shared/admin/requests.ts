import * as z from 'zod';
import { unitCode } from '../form/agreement-form.js';
import { say } from '../form/messages.js';
import { isoDate, plainText } from '../form/text.js';
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

export const DELEGATION_KINDS = ['plt', 'plh', 'an'] as const;

/** POST /api/admin/delegations: an acting (Plt.), a daily (Plh.) or an "atas nama" (a.n.) delegation. */
export const delegationSchema = z
  .object({
    kind: z.enum(DELEGATION_KINDS),
    office: z.literal('kepala_daerah'),
    delegate: z.string().min(1),
    from: isoDate,
    to: isoDate,
    reason: plainText(500),
  })
  .refine((d) => d.from <= d.to, {
    path: ['to'],
    params: say('tidak boleh sebelum tanggal mulai', 'must not be before the start date'),
  });

export const FORMAT_PART_KINDS = [
  'classification',
  'sequence',
  'unit',
  'bureau',
  'year',
  'romanMonth',
  'text',
] as const;

const formatPart = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['classification', 'text', 'bureau']), value: plainText(40) }),
  z.object({ kind: z.literal('sequence'), padding: z.number().int().min(1).max(8) }),
  z.object({ kind: z.enum(['unit', 'year', 'romanMonth']) }),
]);

export const ASSIGN_STEPS = ['biro_approval', 'signing'] as const;

/** PUT /api/admin/register-formats/{documentType}: "000.5/0042/BIRO-KS/2025" from its parts. */
export const registerFormatSchema = z
  .object({
    parts: z.array(formatPart).min(1).max(12),
    separator: z.string().max(3),
    assignAt: z.enum(ASSIGN_STEPS),
  })
  .refine((f) => f.parts.filter((p) => p.kind === 'sequence').length === 1, {
    path: ['parts'],
    params: say('format memerlukan tepat satu nomor urut', 'a format needs exactly one sequence part'),
  });

/** POST /api/register/{year}/{sequence}/void: a number given in error, never reused. */
export const voidSchema = z.object({ reason: plainText(500) });

/** POST /api/setup: the region and its first admin, on an empty embedded stack. */
export const setupSchema = z.object({ region: regionProfileInputSchema, admin: person.extend({ username }) });
