import * as z from 'zod';
import { unitCode } from '../form/agreement-form.js';
import { say } from '../form/messages.js';
import { type Identity, ROLES, UNIT_ROLES } from '../identity/identity.js';

/** NIP (Nomor Induk Pegawai): a civil servant's 18-digit staff number. */
export const NIP = /^\d{18}$/;

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
  role: Identity['role'];
  unit?: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export const nipSchema = z.string().refine((s) => NIP.test(s), {
  params: say('harus NIP 18 angka', 'must be an NIP of 18 digits'),
});
export const roleSchema = z.enum(ROLES);
export const unitCodeSchema = unitCode;

/** The identity every handler sees for a stored user who may act. */
export const identityOfUser = (user: User): Identity => ({
  sub: user.id,
  username: user.username,
  name: user.name,
  email: user.email,
  role: user.role,
  ...(user.unit && UNIT_ROLES.includes(user.role) ? { unit: user.unit } : {}),
});
