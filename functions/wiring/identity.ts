import { DynamoUserLookup, DynamoUserStore } from '../../shared/adapters/aws/dynamo-users.js';
import type { User } from '../../shared/admin/user.js';
import { resolveCaller } from '../../shared/admin/users.js';
import { once, table } from './adapters.js';
import { regionId } from './admin.js';

/** The region's users, in the table: who a token's subject is, and what they may do. */
export const users = /* @__PURE__ */ once(() => new DynamoUserStore(table()));

const lookup = /* @__PURE__ */ once(() => new DynamoUserLookup(table()));

/** The stored user a verified token's subject names, as they are now (one consistent read). */
export const callerOf = (sub: string): Promise<User> => resolveCaller(lookup(), regionId(), sub);
