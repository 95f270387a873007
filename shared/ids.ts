import * as z from 'zod';

/** Agreements, uploads and attempts are named by ULIDs: 26 characters of Crockford's base32. */
export const ID_PATTERN = '[0-9A-HJKMNP-TV-Z]{26}';

const ID = new RegExp(`^${ID_PATTERN}$`);

// Pure: a bundle that only checks ids (a dead-letter handler) leaves zod out.
export const idSchema = /* @__PURE__ */ z.string().regex(ID);

/** Whether a path value can be an id at all: anything else is unknown without asking storage. */
export const isId = (value: string): boolean => ID.test(value);
