/** Where an agreement stands; routing, signing and evaluation move it along. */
export const AGREEMENT_STATUSES = [
  'draft',
  'in_review',
  'changes_requested',
  'ready_to_sign',
  'signed',
  'active',
  'expiring',
  'expired',
  'terminated',
  'rejected',
  'withdrawn',
] as const;

export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Statuses in which the drafter may still submit a new version of the form. */
export const REVISABLE_STATUSES: readonly AgreementStatus[] = ['draft', 'changes_requested'];

/** Still being drafted, routed or signed: the initiating unit's people have work on them. */
export const IN_PROGRESS_STATUSES: readonly AgreementStatus[] = [
  'draft',
  'changes_requested',
  'in_review',
  'ready_to_sign',
];
