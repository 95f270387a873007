import type { Role } from '../identity/identity.js';

/** Who holds a role (in a unit): the user pool in the cloud, the demo users locally. */
export interface Directory {
  emailsOf(role: Role, unit?: string): Promise<string[]>;
}
