import type { RegionProfile } from '../../admin/region.js';
import type { Unit } from '../../admin/unit.js';
import type { StagedWrite } from '../../ports/admin-log.js';
import type { Page } from '../../ports/page.js';
import type { RegionProfiles } from '../../ports/region.js';
import type { UnitQuery, UnitRegistry } from '../../ports/units.js';
import { stage } from './staged.js';
import type { Item, Table } from './table.js';
import { strip } from './table-items.js';

/**
 * A region's own items share its partition:
 *   REGION#<regionId> / PROFILE       the profile (names, level, officials, bureau, address, emblem)
 *   REGION#<regionId> / UNIT#<code>   a unit (OPD); `active` says whether it may draft and hold users
 */
const regionPk = (regionId: string) => `REGION#${regionId}`;
const PROFILE = 'PROFILE';
const unitSk = (code: string) => `UNIT#${code}`;
/** A unit's item: drafting's transactions check it is still active. */
export const unitKey = (regionId: string, code: string) => ({ pk: regionPk(regionId), sk: unitSk(code) });
const UNIT_SK = /^UNIT#[A-Z0-9][A-Z0-9_-]{1,19}$/;

/** Written only while the stored item is still the one the change was decided on. */
function replacing(table: Table, item: Item, previous: { updatedAt: string } | undefined): StagedWrite {
  return stage(
    previous
      ? {
          Put: {
            TableName: table.name,
            Item: item,
            ConditionExpression: 'updatedAt = :previous',
            ExpressionAttributeValues: { ':previous': previous.updatedAt },
          },
        }
      : table.putNew(item),
  );
}

export class DynamoRegionProfiles implements RegionProfiles {
  constructor(private readonly table: Table) {}

  async get(regionId: string): Promise<RegionProfile | undefined> {
    const item = await this.table.get({ pk: regionPk(regionId), sk: PROFILE }, true);
    return item && strip<RegionProfile>(item);
  }

  putWrite(profile: RegionProfile, previous: RegionProfile | undefined): StagedWrite {
    return replacing(this.table, { pk: regionPk(profile.regionId), sk: PROFILE, ...profile }, previous);
  }
}

/** What `q` is matched against: DynamoDB's `contains` is case-sensitive, so a lower-case copy. */
const searchText = (u: Unit) => `${u.code} ${u.name.id} ${u.name.en}`.toLowerCase();

const toUnit = (item: Item): Unit => {
  const { search: _, ...unit } = strip<Unit & { search: string }>(item);
  return unit;
};

export class DynamoUnitRegistry implements UnitRegistry {
  constructor(private readonly table: Table) {}

  async get(regionId: string, code: string): Promise<Unit | undefined> {
    const item = await this.table.get(unitKey(regionId, code), true);
    return item && toUnit(item);
  }

  async isActive(regionId: string, code: string): Promise<boolean> {
    return (await this.get(regionId, code))?.active === true;
  }

  page(regionId: string, query: UnitQuery, limit: number, cursor?: string): Promise<Page<Unit>> {
    const filters = [
      ...(query.includeInactive ? [] : ['active = :active']),
      ...(query.q ? ['contains(#search, :q)'] : []),
    ];
    return this.table.page(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        ...(query.q ? { ExpressionAttributeNames: { '#search': 'search' } } : {}),
        ExpressionAttributeValues: {
          ':pk': regionPk(regionId),
          ':prefix': 'UNIT#',
          ...(query.includeInactive ? {} : { ':active': true }),
          ...(query.q ? { ':q': query.q.toLowerCase() } : {}),
        },
      },
      { partition: regionPk(regionId), sortKey: UNIT_SK },
      limit,
      cursor,
      toUnit,
    );
  }

  createWrite(regionId: string, unit: Unit): StagedWrite {
    return replacing(this.table, this.item(regionId, unit), undefined);
  }

  updateWrite(regionId: string, unit: Unit, previous: Unit): StagedWrite {
    return replacing(this.table, this.item(regionId, unit), previous);
  }

  private item(regionId: string, unit: Unit): Item {
    return { pk: regionPk(regionId), sk: unitSk(unit.code), ...unit, search: searchText(unit) };
  }
}
