import * as z from 'zod';
import { plainText } from '../form/text.js';
import { regionProfileInputSchema } from './region.js';
import { nipSchema, usernameSchema } from './user.js';

/**
 * POST /api/setup on an empty embedded stack: the region's profile and its first admin (the admin's
 * role is implied; every user after is invited by an admin). The web app's setup page checks with it,
 * so this module imports no server code.
 */
export const setupSchema = z.object({
  region: regionProfileInputSchema,
  admin: z.object({
    name: plainText(200),
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
    nip: nipSchema,
    username: usernameSchema,
  }),
});
