import type { Delegation } from '../../delegation/delegation.js';
import type { Delegations } from '../../ports/delegations.js';
import { stage } from './staged.js';
import type { Table } from './table.js';
import { strip } from './table-items.js';

const pk = (regionId: string) => `DELEGATION#${regionId}`;
const byStart = (a: Delegation, b: Delegation) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id);

/** `DELEGATION#<region>` / `<id>`: a region has a few a year, read as one partition. */
export class DynamoDelegations implements Delegations {
  constructor(private readonly table: Table) {}

  async all(regionId: string): Promise<Delegation[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk(regionId) },
      ConsistentRead: true,
    });
    return items.map((i) => strip<Delegation>(i)).sort(byStart);
  }

  async inForce(regionId: string, day: string): Promise<Delegation[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: '#from <= :day AND #to >= :day',
      ExpressionAttributeNames: { '#from': 'from', '#to': 'to' },
      ExpressionAttributeValues: { ':pk': pk(regionId), ':day': day },
    });
    return items.map((i) => strip<Delegation>(i)).sort(byStart);
  }

  async get(regionId: string, id: string): Promise<Delegation | undefined> {
    const item = await this.table.get({ pk: pk(regionId), sk: id }, true);
    return item && strip<Delegation>(item);
  }

  createWrite(delegation: Delegation) {
    return stage(this.table.putNew({ pk: pk(delegation.regionId), sk: delegation.id, ...delegation }));
  }

  updateWrite(before: Delegation, after: Delegation) {
    return stage({
      Put: {
        TableName: this.table.name,
        Item: { pk: pk(after.regionId), sk: after.id, ...after },
        ConditionExpression: '#to = :to AND attribute_not_exists(ended)',
        ExpressionAttributeNames: { '#to': 'to' },
        ExpressionAttributeValues: { ':to': before.to },
      },
    });
  }
}
