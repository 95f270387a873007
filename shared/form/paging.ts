import * as z from 'zod';

/** `cursor` and `limit` of every paginated GET; the cursor is the previous page's `nextCursor`. */
export const pageFields = (defaultLimit = 20) => ({
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(defaultLimit),
});

/** `?cursor=&limit=` of a list with nothing else to filter by. */
export const pageQuerySchema = z.object(pageFields());
