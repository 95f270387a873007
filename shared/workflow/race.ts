import { ConflictError } from '../errors.js';
import { say } from '../form/messages.js';
import type { AuditEvents } from '../ports/audit-events.js';
import type { AuditEvent } from './audit.js';

/** How many audit events one backward read looks at for the decision of a step. */
const DECISION_LOOKBACK = 200;

/** Another decision changed the agreement between reading it and writing the change. */
export class RaceLostError extends Error {
  constructor(readonly agreementId: string) {
    super(`agreement ${agreementId} changed concurrently`);
    this.name = 'RaceLostError';
  }
}

/** How a loser's 409 names the audit event that got there first: who, when, what, on which version. */
export function winner(event: AuditEvent) {
  return {
    who: `${event.actor.name} (${event.actor.role})`,
    details: {
      decidedBy: event.actor,
      decidedAt: event.at,
      action: event.action,
      version: event.version,
      ...(event.steps ? { steps: event.steps } : {}),
    },
  };
}

/**
 * The 409 for whoever lost: who decided `step` (the user's own step, decided already), or else
 * whoever changed the agreement last, and when.
 */
export async function alreadyDecided(events: AuditEvents, id: string, step?: string): Promise<ConflictError> {
  const decision = step ? await decisionOf(events, id, step) : await events.lastEvent(id);
  if (!decision) {
    return new ConflictError(
      say(
        'Sudah diputuskan oleh pengguna lain: muat ulang kerja sama ini',
        'Already decided by someone else: reload the agreement',
      ),
    );
  }
  const { who, details } = winner(decision);
  const which = step ? { id: ` (langkah "${step}")`, en: ` (step "${step}")` } : { id: '', en: '' };
  return new ConflictError(
    say(
      `Sudah diputuskan oleh ${who} pada ${decision.at}${which.id}: muat ulang kerja sama ini`,
      `Already decided by ${who} at ${decision.at}${which.en}: reload the agreement`,
    ),
    { ...details, ...(step ? { step } : {}) },
  );
}

/** The newest event that decided `step`, read backwards a range at a time (downloads may follow it). */
async function decisionOf(events: AuditEvents, id: string, step: string): Promise<AuditEvent | undefined> {
  const last = await events.lastEvent(id);
  for (let upTo = last?.seq ?? 0; upTo > 0; upTo -= DECISION_LOOKBACK) {
    const range: AuditEvent[] = [];
    await events.eventPages(id, { after: Math.max(0, upTo - DECISION_LOOKBACK), upTo }, (page) =>
      range.push(...page),
    );
    const found = range.findLast((e) => e.steps?.includes(step));
    if (found) return found;
  }
  return undefined;
}
