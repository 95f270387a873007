import * as z from 'zod';
import { isoDate, plainText } from '../form/text.js';

/**
 * POST /api/agreements/{id}/terminate: the day it ended and why. A module of its own, free of the
 * service's Node imports, so that the web app's form applies the very same schema.
 */
export const terminationSchema = z.object({
  on: isoDate,
  reason: plainText(2000),
});
