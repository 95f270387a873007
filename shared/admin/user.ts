import * as z from 'zod';
import { ValidationError } from '../errors.js';
import { unitCode } from '../form/agreement-form.js';
import { say } from '../form/messages.js';
import { pageFields } from '../form/paging.js';
import { plainText } from '../form/text.js';
import { type Identity, isUnitRole, ROLES } from '../identity/identity.js';

/** NIP (Nomor Induk Pegawai): a civil servant's 18-digit staff number. */
export const NIP = /^\d{18}$/;

/** NIK (Nomor Induk Kependudukan): the 16-digit national identity number a BSrE certificate is issued to. */
export const NIK = /^\d{16}$/;

/**
 * A person who may sign in, as the region's user store keeps them: the store, not the sign-in token,
 * decides role, unit and whether they may act at all, so a change takes effect on their next request.
 */
export interface User {
  /** The identity provider's subject (Cognito's `sub`; the embedded stack's own ids). */
  id: string;
  regionId: string;
  username: string;
  name: string;
  email: string;
  nip: string;
  /** The NIK the user signs with at a remote signing service (BSrE, CSC), as an admin set it. */
  nik?: string;
  role: Identity['role'];
  unit?: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export const nipSchema = z.string().refine((s) => NIP.test(s), {
  params: say('harus NIP 18 angka', 'must be an NIP of 18 digits'),
});
export const nikSchema = z.string().refine((s) => NIK.test(s), {
  params: say('harus NIK 16 angka', 'must be an NIK of 16 digits'),
});
export const roleSchema = z.enum(ROLES);
export const unitCodeSchema = unitCode;

/**
 * A sign-in name: lower-case letters, digits, dots, dashes and underscores. Never an email address:
 * the cloud's user pool signs in by username or by email, and Cognito refuses an email-shaped username.
 */
export const USERNAME = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((u) => USERNAME.test(u), {
    params: say(
      'harus 1–64 huruf kecil, angka, titik, "-" atau "_" (bukan alamat email)',
      'must be 1–64 lower-case letters, digits, dots, "-" or "_" (not an email address)',
    ),
  });

const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

const unitMissing = say('wajib diisi untuk peran OPD', 'is required for an OPD role');
const unitNotAllowed = say(
  'hanya peran OPD (penyusun, kepala OPD) yang memiliki unit',
  'only OPD roles (drafter, head of OPD) belong to a unit',
);

/** A unit is given exactly when the role belongs to one. */
const unitProblem = (role: Identity['role'], unit: string | undefined) =>
  isUnitRole(role) ? (unit ? undefined : unitMissing) : unit ? unitNotAllowed : undefined;

function checkUnit(role: Identity['role'], unit: string | undefined, ctx: z.RefinementCtx) {
  const problem = unitProblem(role, unit);
  if (problem) ctx.addIssue({ code: 'custom', path: ['unit'], message: problem.en, params: problem });
}

/** POST /api/admin/users: whom to invite. Without a username, one is made from the email's local part. */
export const newUserSchema = z
  .strictObject({
    name: plainText(200),
    email: emailSchema,
    nip: nipSchema,
    nik: nikSchema.optional(),
    role: roleSchema,
    unit: unitCodeSchema.optional(),
    username: usernameSchema.optional(),
  })
  .superRefine((u, ctx) => checkUnit(u.role, u.unit, ctx));

export type NewUser = z.output<typeof newUserSchema>;

/**
 * PATCH /api/admin/users/{id}: what changes. `unit: null` takes the unit away, `nik: null` the NIK (with a role outside the
 * OPDs); whether the result is consistent is checked against the stored user.
 */
export const userChangeSchema = z
  .strictObject({
    role: roleSchema.optional(),
    unit: unitCodeSchema.nullable().optional(),
    enabled: z.boolean().optional(),
    /** `null` takes the NIK away. */
    nik: nikSchema.nullable().optional(),
  })
  .refine(
    (c) => c.role !== undefined || c.unit !== undefined || c.enabled !== undefined || c.nik !== undefined,
    {
      params: say('sebutkan role, unit, enabled atau nik', 'name role, unit, enabled or nik'),
    },
  );

export type UserChange = z.output<typeof userChangeSchema>;

/**
 * What `change` makes of `user`: a role outside the OPDs leaves the unit behind, an OPD role keeps the
 * unit it had unless another is named; a 400 naming `unit` when role and unit do not fit together.
 */
export function applyChange(user: User, change: UserChange): Pick<User, 'role' | 'unit' | 'enabled' | 'nik'> {
  const role = change.role ?? user.role;
  const unit = change.unit === null ? undefined : (change.unit ?? (isUnitRole(role) ? user.unit : undefined));
  const problem = unitProblem(role, unit);
  if (problem) throw new ValidationError([{ path: 'unit', message: problem }]);
  const nik = change.nik === null ? undefined : (change.nik ?? user.nik);
  return {
    role,
    ...(unit ? { unit } : {}),
    enabled: change.enabled ?? user.enabled,
    ...(nik ? { nik } : {}),
  };
}

/** GET /api/admin/users: a page of the region's users, searched and filtered. */
export const userQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  role: roleSchema.optional(),
  unit: unitCodeSchema.optional(),
  enabled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...pageFields(),
});

export type UserQuery = Omit<z.output<typeof userQuerySchema>, 'cursor' | 'limit'>;

/** The identity every handler sees for a stored user who may act. */
export const identityOfUser = (user: User): Identity => ({
  sub: user.id,
  username: user.username,
  name: user.name,
  email: user.email,
  role: user.role,
  ...(user.unit && isUnitRole(user.role) ? { unit: user.unit } : {}),
});

/** What the API shows of a user (the store's record without its region). */
export const userView = ({ regionId: _, ...user }: User) => user;
