import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { DynamoAdminLog } from '../../shared/adapters/aws/dynamo-admin-log.js';
import type { AdminDeps } from '../../shared/admin/record-admin-change.js';
import { systemClock } from '../../shared/ports/clock.js';
import { once, table } from './adapters.js';

/** The region this deployment serves (configuration: one deployment may later serve several). */
export const regionId = (): string => requireEnv('REGION_ID');

export const adminLog = /* @__PURE__ */ once(() => new DynamoAdminLog(table()));

/** What every administrative change needs: the region's log and the clock. */
export const adminDeps = (): AdminDeps => ({ log: adminLog(), clock: systemClock });
