import type { Bilingual } from '../../form/messages.js';
import type { Batch, BatchRow, BatchStore } from '../../ports/batches.js';
import { RaceLostError } from '../../workflow/race.js';
import { unavailable } from './errors.js';
import type { Table, Write } from './table.js';
import { strip } from './table-items.js';

/**
 * A batch and its rows in one partition:
 *   BATCH#<batchId> / BATCH          the batch: drafter, file, status, total, done, failed, result
 *   BATCH#<batchId> / ROW#00002      a row recorded: its agreement (written with the draft) or errors
 */
const batchKey = (batchId: string) => ({ pk: `BATCH#${batchId}`, sk: 'BATCH' });
const rowKey = (batchId: string, row: number) => ({
  pk: `BATCH#${batchId}`,
  sk: `ROW#${String(row).padStart(5, '0')}`,
});

/**
 * A row recorded once, and counted with it while the batch runs: the writes a drafted row's change
 * carries (with its agreement), and a failed row's own transaction.
 */
export function batchRowWrites(
  table: Table,
  batchId: string,
  row: BatchRow,
  count: 'done' | 'failed',
): Write[] {
  return [
    table.putNew({ ...rowKey(batchId, row.row), ...row }),
    {
      Update: {
        TableName: table.name,
        Key: batchKey(batchId),
        UpdateExpression: 'ADD #count :one',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#count': count, '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':running': 'running' },
      },
    },
  ];
}

export class DynamoBatchStore implements BatchStore {
  constructor(private readonly table: Table) {}

  async putBatch(batch: Batch): Promise<void> {
    // Batch ids are new ULIDs: one that exists already means the table is not what it should be.
    if (!(await this.table.write(this.table.putNew({ ...batchKey(batch.batchId), ...batch })))) {
      throw unavailable('DynamoDB', new Error(`batch ${batch.batchId} exists already`));
    }
  }

  async getBatch(batchId: string): Promise<Batch | undefined> {
    const item = await this.table.get(batchKey(batchId), true);
    return item && strip<Batch>(item);
  }

  async rows(batchId: string): Promise<BatchRow[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rows)',
      ExpressionAttributeValues: { ':pk': batchKey(batchId).pk, ':rows': 'ROW#' },
      ConsistentRead: true,
    });
    return items.map((item) => strip<BatchRow>(item));
  }

  start(
    batchId: string,
    total: number,
    file: { size: number; sha256: string },
    at: string,
  ): Promise<boolean> {
    return this.table.write({
      Update: {
        TableName: this.table.name,
        Key: batchKey(batchId),
        UpdateExpression:
          'SET #status = :running, #total = :total, #size = :size, sha256 = :sha, startedAt = if_not_exists(startedAt, :at)',
        // A retry of the same file goes on; another file uploaded to the same key does not.
        ConditionExpression: '#status = :pending OR (#status = :running AND sha256 = :sha)',
        // `total` and `size` are among DynamoDB's reserved words.
        ExpressionAttributeNames: { '#status': 'status', '#total': 'total', '#size': 'size' },
        ExpressionAttributeValues: {
          ':running': 'running',
          ':pending': 'pending',
          ':total': total,
          ':size': file.size,
          ':sha': file.sha256,
          ':at': at,
        },
      },
    });
  }

  async recordFailedRow(batchId: string, row: BatchRow): Promise<boolean> {
    try {
      await this.table.transact(batchId, batchRowWrites(this.table, batchId, row, 'failed'));
      return true;
    } catch (error) {
      if (error instanceof RaceLostError) return false;
      throw error;
    }
  }

  finish(batchId: string, resultKey: string, at: string): Promise<boolean> {
    return this.table.write({
      Update: {
        TableName: this.table.name,
        Key: batchKey(batchId),
        UpdateExpression: 'SET #status = :done, resultKey = :key, finishedAt = :at',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'done', ':running': 'running', ':key': resultKey, ':at': at },
      },
    });
  }

  end(batchId: string, status: 'refused' | 'failed', reason: Bilingual, at: string): Promise<boolean> {
    // Refused: only before anything was drafted; failed: whatever was drafted stays, the rest is not.
    const from = status === 'refused' ? ['pending'] : ['pending', 'running'];
    return this.table.write({
      Update: {
        TableName: this.table.name,
        Key: batchKey(batchId),
        UpdateExpression: 'SET #status = :status, #reason = :reason, finishedAt = :at',
        ConditionExpression: from.map((_, i) => `#status = :from${i}`).join(' OR '),
        ExpressionAttributeNames: { '#status': 'status', '#reason': 'reason' },
        ExpressionAttributeValues: {
          ':status': status,
          ':reason': reason,
          ':at': at,
          ...Object.fromEntries(from.map((s, i) => [`:from${i}`, s])),
        },
      },
    });
  }
}
