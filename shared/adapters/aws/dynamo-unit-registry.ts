import type { UnitRegistry } from '../../ports/units.js';
import type { Table } from './table.js';

/** A unit is the item `REGION#<region>` / `UNIT#<code>` that the units' administration writes. */
export class DynamoUnitRegistry implements UnitRegistry {
  constructor(private readonly table: Table) {}

  async isActive(regionId: string, code: string): Promise<boolean> {
    const item = await this.table.get({ pk: `REGION#${regionId}`, sk: `UNIT#${code}` }, true);
    return item?.active === true;
  }
}
