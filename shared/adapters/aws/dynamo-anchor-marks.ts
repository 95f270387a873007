import { COUNTER_SHARDS } from '../../evaluation/counters.js';
import type { AnchorMarks, MovedHead } from '../../ports/anchors.js';
import type { Table } from './table.js';
import { movedHeadKey } from './table-items.js';

/** The marks every head write leaves (`ANCHOR#<shard>` / `<id>`), read and cleared by the daily job. */
export class DynamoAnchorMarks implements AnchorMarks {
  constructor(private readonly table: Table) {}

  async movedHeads(page: (heads: MovedHead[]) => Promise<void>): Promise<void> {
    for (let shard = 0; shard < COUNTER_SHARDS; shard++) {
      await this.table.queryPages(
        {
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `ANCHOR#${shard}` },
          ProjectionExpression: 'agreementId, seq',
          Limit: 100,
        },
        (items) => page(items as unknown as MovedHead[]),
      );
    }
  }

  async anchored(head: MovedHead): Promise<void> {
    // A head written since keeps its mark: what it added is anchored next time.
    await this.table.write({
      Delete: {
        TableName: this.table.name,
        Key: movedHeadKey(head.agreementId),
        ConditionExpression: 'seq = :seq',
        ExpressionAttributeValues: { ':seq': head.seq },
      },
    });
  }
}
