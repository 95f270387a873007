import { committing } from '../attempt.js';
import type { AuditEvents } from '../ports/audit-events.js';
import type { AgreementChanges, ChangeItem } from '../ports/changes.js';
import type { Clock } from '../ports/clock.js';
import type { FileStore } from '../ports/files.js';
import { type AuditEvent, seal } from '../workflow/audit.js';
import { alreadyDecided, RaceLostError } from '../workflow/race.js';
import type { Agreement, HeadFields } from './agreement.js';

/** What the event says of a decision; the agreement, time, version, statuses and chain are filled in. */
export type EventFields = Pick<AuditEvent, 'actor' | 'action' | 'documentSha256'> &
  Partial<
    Pick<
      AuditEvent,
      'steps' | 'comment' | 'article' | 'attachment' | 'register' | 'onBehalfOf' | 'acceptedDeviations'
    >
  >;

/** What a decision changes: the head, what its event says, and the items written with them. */
export interface Decision<T> {
  /** The head after the change; its audit position and `updatedAt` are set when the event is sealed. */
  after: HeadFields;
  event: EventFields;
  items?: ChangeItem[];
  /** Files the decision wrote, under keys of this attempt: removed when the change is not written. */
  files?: string[];
  /** A record of a read (a download): the head keeps its `updatedAt`. */
  readOnly?: boolean;
  result: T;
}

export interface ChangeDeps {
  changes: AgreementChanges;
  /** Who decided last, for the 409 of a race lost for good. */
  events: AuditEvents;
  /** Where decisions write their files (removed again when the change is not written). */
  files: FileStore;
  clock: Clock;
}

export interface ChangeRequest<A extends Agreement | undefined, T> {
  /** The agreement as it is now, read again for every attempt; undefined for one being created. */
  load: () => Promise<A>;
  /** Decides on the agreement as loaded, at `at`; throws to refuse (a 4xx), and nothing is written. */
  decide: (agreement: A, at: string, attempt: number) => Promise<Decision<T>>;
  /** How many times a decision is taken on a newer head after losing a race (1: never again). */
  attempts?: number;
  /** What a race lost on the last attempt becomes; by default a 409 naming who changed it last. */
  lost?: (race: RaceLostError) => Promise<Error>;
}

export interface Recorded<T> {
  agreement: Agreement;
  event: AuditEvent;
  result: T;
}

/**
 * The one way an agreement changes, and the function to read to see how any change is recorded:
 * reads the agreement, lets `decide` say what changes, seals the event onto the hash chain, and
 * writes head, event and items at once, conditioned on the chain position the decision was made
 * on. When another writer got there first, the decision is taken again on the newer head; after
 * the last attempt the loser gets a 409 naming who decided, never a 500. Files the decision wrote
 * are removed when its change is not written.
 */
export async function recordChange<A extends Agreement | undefined, T>(
  deps: ChangeDeps,
  request: ChangeRequest<A, T>,
): Promise<Recorded<T>> {
  const attempts = request.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    const before = await request.load();
    const at = deps.clock.now().toISOString();
    const decision = await request.decide(before, at, attempt);
    const { agreement, event } = sealed(before, decision, at);
    try {
      await committing(deps.files, decision.files ?? [], () =>
        deps.changes.commit({
          ...(before ? { before } : {}),
          after: agreement,
          event,
          items: decision.items ?? [],
        }),
      );
      return { agreement, event, result: decision.result };
    } catch (error) {
      if (!(error instanceof RaceLostError)) throw error;
      if (attempt < attempts) continue;
      throw await (request.lost ?? ((race) => alreadyDecided(deps.events, race.agreementId)))(error);
    }
  }
}

/** The decision's event chained after `before`'s last one, and the head that points at it. */
function sealed(before: Agreement | undefined, decision: Decision<unknown>, at: string) {
  const { after, event: fields } = decision;
  const event = seal(
    {
      agreementId: after.id,
      at,
      actor: fields.actor,
      action: fields.action,
      version: after.currentVersion,
      documentSha256: fields.documentSha256,
      ...(before ? { fromStatus: before.status } : {}),
      toStatus: after.status,
      ...(fields.steps?.length ? { steps: fields.steps } : {}),
      ...(fields.comment ? { comment: fields.comment } : {}),
      ...(fields.article ? { article: fields.article } : {}),
      ...(fields.attachment ? { attachment: fields.attachment } : {}),
      ...(fields.register ? { register: fields.register } : {}),
      ...(fields.onBehalfOf ? { onBehalfOf: fields.onBehalfOf } : {}),
      ...(fields.acceptedDeviations ? { acceptedDeviations: fields.acceptedDeviations } : {}),
    },
    before?.lastEvent,
  );
  const agreement: Agreement = {
    ...after,
    workflow: { ...after.workflow, status: after.status },
    lastEvent: { seq: event.seq, hash: event.hash },
    updatedAt: decision.readOnly && before ? before.updatedAt : at,
  };
  return { agreement, event };
}
