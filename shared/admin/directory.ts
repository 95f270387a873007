import type { Directory } from '../ports/directory.js';
import type { UserStore } from '../ports/users.js';

/** Who holds a role (in a unit), as the user store says: its enabled users. */
export const storeDirectory = (users: Pick<UserStore, 'enabledWith'>, regionId: string): Directory => ({
  emailsOf: async (role, unit) => (await users.enabledWith(regionId, role, unit)).map((u) => u.email),
});
