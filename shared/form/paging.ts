import * as z from 'zod';

/** `?cursor=&limit=` of every paginated list: the cursor is the previous page's `nextCursor`. */
export const pageQuerySchema = z.object({
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
