import { ForbiddenError } from '../errors.js';
import { say } from '../form/messages.js';
import type { Identity } from '../identity/identity.js';

/** Administration is the administrator's alone. */
export function requireAdmin(user: Pick<Identity, 'role'>): void {
  if (user.role !== 'admin') {
    throw new ForbiddenError(
      say('Hanya administrator yang boleh mengubah pengaturan ini', 'Only an administrator may do this'),
      { allowedRoles: ['admin'] },
    );
  }
}
