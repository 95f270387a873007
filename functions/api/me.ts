import { userView } from '../../shared/admin/user.js';
import { json, signedIn } from '../http.js';

/** GET /api/me: the signed-in user as the store has them now (role, unit, NIP). */
export const handler = signedIn(async (_event, user) => json(200, userView(user)));
