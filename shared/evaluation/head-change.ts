import type { Agreement } from '../agreement/agreement.js';
import { ConflictError } from '../errors.js';
import type { HeadChange } from '../ports.js';
import { type AuditEvent, seal } from '../workflow/audit.js';
import { RaceLostError } from '../workflow/race.js';

/** An audited change of an archived agreement: the event chained to the head, the head moved on. */
export function headChange(
  before: Agreement,
  input: {
    actor: AuditEvent['actor'];
    action: string;
    at: string;
    comment?: string;
    patch?: Partial<Agreement>;
  },
): HeadChange {
  const after0 = { ...before, ...input.patch };
  const event = seal(
    {
      agreementId: before.id,
      at: input.at,
      actor: input.actor,
      action: input.action,
      version: before.currentVersion,
      documentSha256: before.lifecycle?.archivedSha256 ?? before.signedDocument?.sha256 ?? '',
      fromStatus: before.status,
      toStatus: after0.status,
      ...(input.comment ? { comment: input.comment } : {}),
    },
    before.lastEvent,
  );
  const after: Agreement = {
    ...after0,
    workflow: { ...after0.workflow, status: after0.status },
    lastEvent: { seq: event.seq, hash: event.hash },
    updatedAt: input.at,
  };
  return { before, after, event };
}

/** Runs a read-decide-write attempt again when another write to the agreement got there first. */
export async function retryingRaces<T>(attempt: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof RaceLostError)) throw error;
      if (i >= attempts) throw new ConflictError('The agreement changed meanwhile: reload it and try again');
    }
  }
}
