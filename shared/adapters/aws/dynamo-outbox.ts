import type { Outbox, OutboxMessage } from '../../ports/outbox.js';
import type { Table } from './table.js';
import { OUTBOX, strip } from './table-items.js';

export class DynamoOutbox implements Outbox {
  constructor(private readonly table: Table) {}

  async outbox(limit: number, to?: OutboxMessage['to']): Promise<OutboxMessage[]> {
    const values: Record<string, unknown> = { ':pk': OUTBOX };
    let filter = {};
    if (to) {
      values[':role'] = to.role;
      if (to.unit) values[':unit'] = to.unit;
      filter = {
        FilterExpression: to.unit
          ? '#to.#role = :role AND #to.#unit = :unit'
          : '#to.#role = :role AND attribute_not_exists(#to.#unit)',
        ExpressionAttributeNames: { '#to': 'to', '#role': 'role', '#unit': 'unit' },
      };
    }
    const { items } = await this.table.rounds(
      {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        ...filter,
      },
      limit,
    );
    return items.map((i) => strip<OutboxMessage>(i));
  }
}
