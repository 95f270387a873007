import { ConflictError } from '../errors.js';
import { say } from '../form/messages.js';
import type { Identity } from '../identity/identity.js';
import type { AdminLog, StagedWrite } from '../ports/admin-log.js';
import type { Clock } from '../ports/clock.js';
import { seal } from '../workflow/audit.js';
import { RaceLostError } from '../workflow/race.js';
import { type AdminEvent, adminActorOf } from './admin-log.js';

export interface AdminDeps {
  log: AdminLog;
  clock: Clock;
}

/** What an administrative change does: the event's content and the writes that go with it. */
export type AdminDecision<T> =
  | {
      action: string;
      target: AdminEvent['target'];
      before?: unknown;
      after?: unknown;
      writes: StagedWrite[];
      result: T;
    }
  /** Nothing to change (the same value again, a repeated import row): nothing is written or logged. */
  | { unchanged: true; result: T };

export interface AdminRequest<T> {
  regionId: string;
  actor: Pick<Identity, 'sub' | 'name' | 'role'>;
  /** Reads what it needs and decides at `at`; throws to refuse (a 4xx), and nothing is written. */
  decide: (at: string) => Promise<AdminDecision<T>>;
}

/** Admin changes are few; several at the same moment wait their turn rather than fail. */
const ATTEMPTS = 8;

/**
 * The one way the region's administration changes (its profile, units, users, delegations, register
 * formats): decides on fresh reads, seals the event onto the region's admin log, and writes the
 * event with the change at once, conditioned on the log's position. When another change got there
 * first (or a write's condition failed), the decision is taken again on fresh reads, so a duplicate
 * found on the second look is the decision's own 409; a log that keeps moving is a 409 to retry.
 */
export async function recordAdminChange<T>(deps: AdminDeps, request: AdminRequest<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const head = await deps.log.head(request.regionId);
    const at = deps.clock.now().toISOString();
    const decision = await request.decide(at);
    if ('unchanged' in decision) return decision.result;
    const event: AdminEvent = seal(
      {
        regionId: request.regionId,
        at,
        actor: adminActorOf(request.actor),
        action: decision.action,
        target: decision.target,
        ...(decision.before === undefined ? {} : { before: decision.before }),
        ...(decision.after === undefined ? {} : { after: decision.after }),
      },
      head,
    );
    try {
      await deps.log.append(event, decision.writes);
      return decision.result;
    } catch (error) {
      if (!(error instanceof RaceLostError)) throw error;
      if (attempt >= ATTEMPTS) {
        throw new ConflictError(
          say(
            'Pengaturan diubah oleh permintaan lain pada saat yang sama: muat ulang lalu coba lagi',
            'The settings were changed by another request at the same moment: reload and try again',
          ),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 30 * attempt));
    }
  }
}
