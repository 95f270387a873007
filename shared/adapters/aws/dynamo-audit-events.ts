import type { AuditEvents } from '../../ports/audit-events.js';
import type { AuditEvent } from '../../workflow/audit.js';
import type { Table } from './table.js';
import { agreementPk, eventSk, strip } from './table-items.js';

export class DynamoAuditEvents implements AuditEvents {
  constructor(private readonly table: Table) {}

  async eventPages(
    id: string,
    range: { after: number; upTo: number },
    page: (events: AuditEvent[]) => void,
  ): Promise<void> {
    if (range.upTo <= range.after) return;
    await this.table.queryPages(
      {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': agreementPk(id),
          ':from': eventSk(range.after + 1),
          ':to': eventSk(range.upTo),
        },
      },
      (items) => page(items.map((i) => strip<AuditEvent>(i))),
    );
  }

  async lastEvent(id: string): Promise<AuditEvent | undefined> {
    const [item] = await this.table.query({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': agreementPk(id), ':prefix': 'EVENT#' },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    });
    return item && strip<AuditEvent>(item);
  }
}
