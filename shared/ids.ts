import * as z from 'zod';

/** Agreements, uploads and attempts are named by ULIDs: 26 characters of Crockford's base32. */
export const ID_PATTERN = '[0-9A-HJKMNP-TV-Z]{26}';

export const idSchema = z.string().regex(new RegExp(`^${ID_PATTERN}$`));

/** Whether a path value can be an id at all: anything else is unknown without asking storage. */
export const isId = (value: string): boolean => idSchema.safeParse(value).success;
