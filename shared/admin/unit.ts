import * as z from 'zod';
import { unitCode } from '../form/agreement-form.js';
import { say } from '../form/messages.js';
import { pageFields } from '../form/paging.js';
import { plainText } from '../form/text.js';
import { nipSchema } from './user.js';

/** A unit's name in both languages. */
const unitName = z.object({ id: plainText(300), en: plainText(300) });
const unitHead = z.object({ name: plainText(200), nip: nipSchema.optional() });

/** A unit (OPD) of the region: never deleted, deactivated instead, so history keeps the name it had. */
export interface Unit {
  code: string;
  name: { id: string; en: string };
  head?: { name: string; nip?: string };
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export const unitCreateSchema = z.object({ code: unitCode, name: unitName, head: unitHead.optional() });

/** A change of a unit: its name, its head (`null` takes the head off), whether it is active. */
export const unitPatchSchema = z
  .object({ name: unitName.optional(), head: unitHead.nullable().optional(), active: z.boolean().optional() })
  .refine((p) => p.name !== undefined || p.head !== undefined || p.active !== undefined, {
    params: say('sebutkan name, head atau active', 'give name, head or active'),
  });

const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

export const unitListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  includeInactive: flag,
  ...pageFields(),
});

/** A unit's code and names: what anyone signed in may read (the form, filters, labels). */
export type UnitName = Pick<Unit, 'code' | 'name' | 'active'>;
