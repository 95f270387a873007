import type { Role } from '../../identity/identity.js';
import type { Inbox, InboxEntry } from '../../ports/inbox.js';
import type { Page } from '../../ports/page.js';
import type { Table } from './table.js';
import { inboxKey, strip } from './table-items.js';

export class DynamoInbox implements Inbox {
  constructor(private readonly table: Table) {}

  inbox(role: Role, unit: string | undefined, limit: number, cursor?: string): Promise<Page<InboxEntry>> {
    const partition = inboxKey(role, unit);
    return this.table.page(
      {
        KeyConditionExpression: 'inboxKey = :k',
        ExpressionAttributeValues: { ':k': partition },
        ScanIndexForward: false,
      },
      { index: 'inbox', partition },
      limit,
      cursor,
      strip<InboxEntry>,
    );
  }
}
