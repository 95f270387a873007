import type { Identity } from '../../../../shared/identity/identity.js';
import { BIRO_ROLES, isUnitRole } from '../../../../shared/identity/identity.js';
import { type OpenStep, openSteps } from '../../../../shared/workflow/state-machine.js';
import { mayUpload } from '../../permissions.js';
import type { Agreement } from '../../types.js';

/** What the signed-in user may do with the agreement now: the state machine's own rules, read ahead. */
export interface Available {
  edit: boolean;
  /** A new version with negotiated wording: the drafter while the draft may be edited, the Biro while under review. */
  revise: boolean;
  submit?: 'submit' | 'resubmit';
  withdraw: boolean;
  /** An open review step of the user's: approve (named for the step), request changes, reject. */
  decide?: { step: OpenStep; approve: 'approve' | 'endorse' | 'initial'; letter: boolean };
  sign?: OpenStep;
  upload: boolean;
}

export function available(agreement: Agreement, user: Identity): Available {
  const unit = agreement.initiatingUnit.code;
  const mine = (step: Pick<OpenStep, 'role'>) =>
    user.role === step.role && (!isUnitRole(step.role) || user.unit === unit);
  const w = agreement.workflow;
  const drafter = mine({ role: 'opd_drafter' });
  const open = openSteps(w).filter(mine);
  const review = open.find((s) => ['endorse', 'review', 'consult', 'initial'].includes(s.kind));
  const sign = open.find((s) => s.kind === 'sign');
  const revisable = agreement.status === 'draft' || agreement.status === 'changes_requested';
  const resubmittable =
    agreement.status === 'changes_requested' && agreement.currentVersion > (w.changesRequestedOn ?? 0);
  return {
    edit: drafter && revisable,
    revise: (drafter && revisable) || (BIRO_ROLES.includes(user.role) && agreement.status === 'in_review'),
    ...(drafter && agreement.status === 'draft' ? { submit: 'submit' as const } : {}),
    ...(drafter && resubmittable ? { submit: 'resubmit' as const } : {}),
    withdraw:
      (drafter || mine({ role: 'opd_head' })) &&
      ['draft', 'in_review', 'changes_requested'].includes(agreement.status),
    ...(review && agreement.status === 'in_review'
      ? {
          decide: {
            step: review,
            approve:
              review.kind === 'endorse' ? 'endorse' : review.kind === 'initial' ? 'initial' : 'approve',
            letter: review.kind === 'consult',
          },
        }
      : {}),
    ...(sign ? { sign } : {}),
    upload:
      mayUpload(user) &&
      agreement.status === 'ready_to_sign' &&
      openSteps(w).some((s) => s.kind === 'upload'),
  };
}

/** Statuses of an agreement whose signed copy is in the archive: its route is behind it. */
export const isArchived = (agreement: Pick<Agreement, 'status'>) =>
  ['signed', 'active', 'expiring', 'expired', 'terminated'].includes(agreement.status);

export const anything = (a: Available) =>
  a.edit ||
  a.submit !== undefined ||
  a.withdraw ||
  a.decide !== undefined ||
  a.sign !== undefined ||
  a.upload;
