import type { Identity, Role } from '../identity/identity.js';
import type { Link } from '../workflow/audit.js';

/** What an administrative change is about. */
export type AdminTargetKind =
  | 'region'
  | 'unit'
  | 'user'
  | 'delegation'
  | 'register-format'
  | 'register-entry'
  | 'route'
  | 'template'
  | 'import';

/**
 * One entry of a region's administration log: who changed what, from what to what. Chained by hash
 * like an agreement's audit trail, and written in the same transaction as the change it records.
 */
export interface AdminEvent extends Link {
  regionId: string;
  at: string;
  actor: { sub: string; name: string; role: Role };
  /** `<target kind>.<verb>`, e.g. `unit.create`, `user.disable`. */
  action: string;
  target: { kind: AdminTargetKind; id: string };
  before?: unknown;
  after?: unknown;
}

export const adminActorOf = (user: Pick<Identity, 'sub' | 'name' | 'role'>): AdminEvent['actor'] => ({
  sub: user.sub,
  name: user.name,
  role: user.role,
});
