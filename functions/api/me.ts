import { userView } from '../../shared/admin/user.js';
import { json, signedIn } from '../http.js';
import { signingAsksPassphrase } from '../wiring/signing-settings.js';

/**
 * GET /api/me: the signed-in user as the store has them now (role, unit, NIP, NIK), and whether their
 * signature asks for a passphrase (keys held by a remote signing service).
 */
export const handler = signedIn(async (_event, user) =>
  json(200, { ...userView(user), signing: { passphrase: signingAsksPassphrase() } }),
);
