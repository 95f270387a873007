import type { InboxEntry } from './inbox.js';
import type { OutboxMessage } from './outbox.js';

/** What the daily job finds due: lifecycles that move today, seals to renew, steps past their due date. */
export interface Schedule {
  /** Agreements whose lifecycle is due on or before `today`. */
  due(today: string, limit: number): Promise<string[]>;
  /** Archived agreements whose seal is due for renewal on or before `today`. */
  renewalsDue(today: string, limit: number): Promise<string[]>;
  /** Inbox entries due before `now` whose holders have not been reminded. */
  overdue(now: string, limit: number): Promise<InboxEntry[]>;
  /** Marks an overdue step reminded and queues the reminder; false when it already was. */
  remindOverdue(entry: InboxEntry, message: OutboxMessage): Promise<boolean>;
}
