import type { ImportDeps } from '../../shared/admin/imports.js';
import { documents } from './adapters.js';
import { unitAdmin } from './region.js';
import { userAdminDeps } from './users.js';

/** What an import needs besides the users' administration: the units' and the documents bucket (its result). */
export const importDeps = (): ImportDeps => ({
  ...userAdminDeps(),
  unitAdmin: unitAdmin(),
  files: documents(),
});
