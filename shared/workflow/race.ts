import type { AuditEvent } from './audit.js';

/** Another decision changed the agreement between reading it and writing the transition. */
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
