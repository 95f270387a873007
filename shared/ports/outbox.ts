import type { Role } from '../identity/identity.js';

/** An email to the users holding a role (and unit), delivered after the transaction that made it. */
export interface OutboxMessage {
  id: string;
  at: string;
  to: { role: Role; unit?: string };
  subject: string;
  body: string;
  agreementId: string;
}

/** The notifications written so far, which the embedded stack shows instead of mailing them. */
export interface Outbox {
  /** The newest notifications; with `to`, only those addressed to that role (and unit). */
  outbox(limit: number, to?: OutboxMessage['to']): Promise<OutboxMessage[]>;
}
