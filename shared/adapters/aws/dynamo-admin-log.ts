import type { AdminEvent } from '../../admin/admin-log.js';
import type { AdminLog, StagedWrite } from '../../ports/admin-log.js';
import type { Page } from '../../ports/page.js';
import { unstage } from './staged.js';
import type { Table } from './table.js';
import { strip } from './table-items.js';

const pk = (regionId: string) => `ADMINLOG#${regionId}`;
const HEAD = 'HEAD';
const eventSk = (seq: number) => `EVENT#${String(seq).padStart(9, '0')}`;

/** The log's head item (`HEAD`) holds the last link; events sit beside it, one item each. */
export class DynamoAdminLog implements AdminLog {
  constructor(private readonly table: Table) {}

  async head(regionId: string) {
    const item = await this.table.get({ pk: pk(regionId), sk: HEAD }, true);
    return item && { seq: Number(item.seq), hash: String(item.hash) };
  }

  async append(event: AdminEvent, writes: readonly StagedWrite[]): Promise<void> {
    const key = { pk: pk(event.regionId), sk: HEAD };
    const moved =
      event.seq === 1
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'seq = :prev', ExpressionAttributeValues: { ':prev': event.seq - 1 } };
    await this.table.transact(`admin:${event.regionId}`, [
      { Put: { TableName: this.table.name, Item: { ...key, seq: event.seq, hash: event.hash }, ...moved } },
      this.table.putNew({ pk: pk(event.regionId), sk: eventSk(event.seq), ...event }),
      ...writes.map(unstage),
    ]);
  }

  page(regionId: string, limit: number, cursor?: string): Promise<Page<AdminEvent>> {
    return this.table.page(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk(regionId), ':prefix': 'EVENT#' },
        ScanIndexForward: false,
      },
      { partition: pk(regionId), sortKey: /^EVENT#\d{9}$/ },
      limit,
      cursor,
      (item) => strip<AdminEvent>(item),
    );
  }

  pages(regionId: string, page: (events: AdminEvent[]) => void): Promise<void> {
    return this.table.queryPages(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk(regionId), ':prefix': 'EVENT#' },
      },
      (items) => page(items.map((i) => strip<AdminEvent>(i))),
    );
  }
}
