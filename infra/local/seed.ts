import { DynamoUserStore } from '../../shared/adapters/aws/dynamo-users.js';
import { unstage } from '../../shared/adapters/aws/staged.js';
import type { Table } from '../../shared/adapters/aws/table.js';
import type { User } from '../../shared/admin/user.js';
import { SEED_USERS, type SeedUser } from './demo-users.js';

/**
 * Each section of the seed is applied once per region: a marker item (`SEED#<region>` / `<section>`)
 * says it was, so a restart with the same DATA_DIR changes nothing, nor undoes what an admin changed
 * since. An empty start leaves its marker too: that region is never seeded afterwards.
 */
const markerKey = (regionId: string, section: string) => ({ pk: `SEED#${regionId}`, sk: section });

async function once(
  table: Table,
  regionId: string,
  section: string,
  empty: boolean,
  apply: () => Promise<void>,
): Promise<void> {
  if (await table.get(markerKey(regionId, section), true)) return;
  if (!empty) await apply();
  await table.write(
    table.put({ ...markerKey(regionId, section), seeded: !empty, at: new Date().toISOString() }),
  );
}

/** The seed's users, each written as an admin's invitation would write it (skipping those already there). */
export async function seedUsers(table: Table, regionId: string, users: readonly SeedUser[]): Promise<void> {
  const store = new DynamoUserStore(table);
  const at = new Date().toISOString();
  for (const seed of users) {
    if (await store.get(regionId, seed.id)) continue;
    const user: User = {
      id: seed.id,
      regionId,
      username: seed.username,
      name: seed.name,
      email: seed.email,
      nip: seed.nip,
      role: seed.role,
      ...(seed.unit ? { unit: seed.unit } : {}),
      enabled: true,
      createdAt: at,
      updatedAt: at,
    };
    await table.transact(`seed:${seed.id}`, store.createWrites(user).map(unstage));
  }
}

/** The demo region of `infra/local/seed/demo-region.json` on first start, or nothing when started empty. */
export async function seedDemoRegion(table: Table, regionId: string, empty: boolean): Promise<void> {
  await once(table, regionId, 'users', empty, () => seedUsers(table, regionId, SEED_USERS));
}
