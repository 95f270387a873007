import type { InboxEntry } from '../../ports/inbox.js';
import type { OutboxMessage } from '../../ports/outbox.js';
import type { Schedule } from '../../ports/schedule.js';
import { RaceLostError } from '../../workflow/race.js';
import type { Table } from './table.js';
import { agreementPk, inboxSk, outboxItem, RENEWAL, strip } from './table-items.js';

export class DynamoSchedule implements Schedule {
  constructor(private readonly table: Table) {}

  private scheduled(key: string, upTo: string, limit: number) {
    return this.table.query({
      IndexName: 'schedule',
      KeyConditionExpression: 'scheduleKey = :k AND scheduleSort <= :to',
      ExpressionAttributeValues: { ':k': key, ':to': upTo },
      Limit: limit,
    });
  }

  async due(today: string, limit: number): Promise<string[]> {
    return (await this.scheduled('LIFECYCLE', `${today}~`, limit)).map((i) => i.id as string);
  }

  async renewalsDue(today: string, limit: number): Promise<string[]> {
    return (await this.scheduled(RENEWAL, `${today}~`, limit)).map((i) => i.agreementId as string);
  }

  async overdue(now: string, limit: number): Promise<InboxEntry[]> {
    return (await this.scheduled('DUE', now, limit)).map((i) => strip<InboxEntry>(i));
  }

  async remindOverdue(entry: InboxEntry, message: OutboxMessage): Promise<boolean> {
    try {
      await this.table.transact(entry.agreementId, [
        {
          Update: {
            TableName: this.table.name,
            Key: { pk: agreementPk(entry.agreementId), sk: inboxSk(entry.stepId) },
            // Leaving the schedule index is what makes the reminder happen once.
            UpdateExpression: 'SET remindedAt = :at REMOVE scheduleKey, scheduleSort',
            ConditionExpression: 'attribute_exists(scheduleKey) AND dueAt = :due',
            ExpressionAttributeValues: { ':at': message.at, ':due': entry.dueAt },
          },
        },
        this.table.put(outboxItem(message)),
      ]);
      return true;
    } catch (error) {
      if (error instanceof RaceLostError) return false;
      throw error;
    }
  }
}
