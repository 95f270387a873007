import * as z from 'zod';
import { DynamoRegionProfiles, DynamoUnitRegistry } from '../../shared/adapters/aws/dynamo-region.js';
import { DynamoUserStore } from '../../shared/adapters/aws/dynamo-users.js';
import { unstage } from '../../shared/adapters/aws/staged.js';
import type { Table } from '../../shared/adapters/aws/table.js';
import { type RegionProfileInput, regionProfileInputSchema } from '../../shared/admin/region.js';
import { type Unit, unitCreateSchema } from '../../shared/admin/unit.js';
import type { User } from '../../shared/admin/user.js';
import { SEED_USERS, type SeedUser } from './demo-users.js';
import demoRegion from './seed/demo-region.json' with { type: 'json' };

/** The demo region of `infra/local/seed/demo-region.json` (fictional officials), checked as the API would. */
const DEMO = z
  .object({ region: regionProfileInputSchema, units: z.array(unitCreateSchema) })
  .parse(demoRegion);

/** Who the seed says made what it wrote. */
const SEEDED_BY = { sub: 'seed', name: 'infra/local/seed/demo-region.json' };

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

/** The region's profile, unless it has one. */
export async function seedRegion(table: Table, regionId: string, input: RegionProfileInput): Promise<void> {
  const profiles = new DynamoRegionProfiles(table);
  if (await profiles.get(regionId)) return;
  const profile = { ...input, regionId, updatedAt: new Date().toISOString(), updatedBy: SEEDED_BY };
  await table.write(unstage(profiles.putWrite(profile, undefined)));
}

/** The seed's units, each as the admin's POST would write it (skipping codes already there). */
export async function seedUnits(
  table: Table,
  regionId: string,
  units: readonly z.infer<typeof unitCreateSchema>[],
): Promise<void> {
  const registry = new DynamoUnitRegistry(table);
  const at = new Date().toISOString();
  for (const seed of units) {
    const unit: Unit = { ...seed, active: true, createdAt: at, updatedAt: at };
    await table.write(unstage(registry.createWrite(regionId, unit)));
  }
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
      ...(seed.nik ? { nik: seed.nik } : {}),
      role: seed.role,
      ...(seed.unit ? { unit: seed.unit } : {}),
      enabled: true,
      createdAt: at,
      updatedAt: at,
    };
    await table.transact(`seed:${seed.id}`, store.createWrites(user).map(unstage));
  }
}

/** The demo region on first start, or nothing when started empty. */
export async function seedDemoRegion(table: Table, regionId: string, empty: boolean): Promise<void> {
  await once(table, regionId, 'region', empty, () => seedRegion(table, regionId, DEMO.region));
  await once(table, regionId, 'units', empty, () => seedUnits(table, regionId, DEMO.units));
  await once(table, regionId, 'users', empty, () => seedUsers(table, regionId, SEED_USERS));
}
