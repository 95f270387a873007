import type { Role } from '../identity/identity.js';

/** Who holds a role (in a unit): the region's enabled users, as the user store keeps them. */
export interface Directory {
  emailsOf(role: Role, unit?: string): Promise<string[]>;
}
