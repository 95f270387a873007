import * as z from 'zod';
import { UNIT_CODE } from '../form/agreement-form.js';

/** Who uses the system (see the domain brief, "Who does what"). */
export const ROLES = [
  'opd_drafter',
  'opd_head',
  'biro_staff',
  'biro_head',
  'sekda',
  'kepala_daerah',
  'evaluator',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

/** Roles that belong to one OPD and act only on that unit's agreements. */
export const UNIT_ROLES: readonly Role[] = ['opd_drafter', 'opd_head'];

/** The cooperation bureau: uploads signed copies, reviews activity reports, records terminations. */
export const BIRO_ROLES: readonly Role[] = ['biro_staff', 'biro_head'];

/** Who sees the region-wide evaluation dashboard and the periodic reports. */
export const EVALUATION_ROLES: readonly Role[] = [
  'biro_staff',
  'biro_head',
  'sekda',
  'kepala_daerah',
  'evaluator',
  'admin',
];

export const ROLE_NAMES: Record<Role, { id: string; en: string }> = {
  opd_drafter: { id: 'Penyusun OPD', en: 'OPD drafter' },
  opd_head: { id: 'Kepala OPD', en: 'Head of OPD' },
  biro_staff: { id: 'Staf Biro Kerja Sama', en: 'Cooperation Bureau staff' },
  biro_head: { id: 'Kepala Biro Kerja Sama', en: 'Head of the Cooperation Bureau' },
  sekda: { id: 'Sekretaris Daerah', en: 'Regional Secretary' },
  kepala_daerah: { id: 'Kepala Daerah', en: 'Head of Region' },
  evaluator: { id: 'Evaluator', en: 'Evaluator' },
  admin: { id: 'Administrator', en: 'Administrator' },
};

export const identitySchema = z
  .object({
    sub: z.string().min(1),
    username: z.string().min(1),
    name: z.string().min(1),
    email: z.email(),
    role: z.enum(ROLES),
    unit: z.string().regex(UNIT_CODE).optional(),
  })
  .refine((i) => !UNIT_ROLES.includes(i.role) || i.unit !== undefined, { message: 'OPD roles need a unit' });

/** The signed-in user, as every handler sees it. */
export type Identity = z.infer<typeof identitySchema>;

export const isUnitRole = (role: Role) => UNIT_ROLES.includes(role);

/** Whether the user may see agreements of `unit`: OPD roles see their own unit only. */
export const canSeeUnit = (identity: Identity, unit: string) =>
  !isUnitRole(identity.role) || identity.unit === unit;
