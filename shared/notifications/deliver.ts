import type { Directory, Mailer, OutboxMessage } from '../ports.js';

/** Sends one outbox message to everyone who currently holds its role (in its unit). */
export async function deliver(message: OutboxMessage, directory: Directory, mailer: Mailer): Promise<number> {
  const to = await directory.emailsOf(message.to.role, message.to.unit);
  if (to.length > 0) await mailer.send(to, message.subject, message.body);
  return to.length;
}
