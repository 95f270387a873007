import type { Directory } from '../ports/directory.js';
import type { Mailer } from '../ports/mailer.js';
import type { OutboxMessage } from '../ports/outbox.js';

/** Sends one outbox message to everyone who currently holds its role (in its unit). */
export async function deliver(message: OutboxMessage, directory: Directory, mailer: Mailer): Promise<number> {
  const to = await directory.emailsOf(message.to.role, message.to.unit);
  if (to.length > 0) await mailer.send(to, message.subject, message.body);
  return to.length;
}
