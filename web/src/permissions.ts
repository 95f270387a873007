import {
  BIRO_ROLES,
  EVALUATION_ROLES,
  type Identity,
  ROLES,
  type Role,
} from '../../shared/identity/identity.js';

/*
 * What each role may open. The API enforces all of it; the app only hides what would be refused.
 */

/** Roles that act in a route and so have an inbox: all but those who only read or administer. */
const INBOX_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'evaluator' && r !== 'admin');
const REGISTER_ROLES: readonly Role[] = [...BIRO_ROLES, 'admin', 'evaluator'];

/**
 * The Biro reviews activity reports and records terminations; the initiating OPD reports activities on an
 * agreement in force (shared/evaluation/evaluation-service.ts and activity-report.ts).
 */
const IN_FORCE = ['active', 'expiring'];
/** The API terminates a signed agreement, in force or not yet. */
const TERMINABLE = ['signed', ...IN_FORCE];
interface AgreementHead {
  status: string;
  initiatingUnit: { code: string };
}

export const mayDraft = (user: Identity) => user.role === 'opd_drafter';
export const hasInbox = (user: Identity) => INBOX_ROLES.includes(user.role);
export const maySeeDashboard = (user: Identity) => EVALUATION_ROLES.includes(user.role);
/** The Biro generates the periodic reports; the other dashboard roles read them (shared/evaluation/reports.ts). */
export const mayGenerateReports = (user: Identity) => BIRO_ROLES.includes(user.role);
export const mayUpload = (user: Identity) => BIRO_ROLES.includes(user.role);
export const mayReviewActivities = (user: Identity) => BIRO_ROLES.includes(user.role);
export const mayTerminate = (user: Identity, agreement: AgreementHead) =>
  BIRO_ROLES.includes(user.role) && TERMINABLE.includes(agreement.status);
export const mayReportActivities = (user: Identity, agreement: AgreementHead) =>
  (user.role === 'opd_drafter' || user.role === 'opd_head') &&
  user.unit === agreement.initiatingUnit.code &&
  IN_FORCE.includes(agreement.status);

/** The region's profile, its units, users, officials, numbers, routes and the admin log. */
export const mayAdminister = (user: Identity) => user.role === 'admin';
/** The register book of document numbers: the Biro keeps it, admins and evaluators read it. */
export const maySeeRegister = (user: Identity) => REGISTER_ROLES.includes(user.role);
/** A number given in error is voided (never reused) by the Biro's head or an admin. */
export const mayVoidNumbers = (user: Identity) => user.role === 'biro_head' || user.role === 'admin';

/** The template library: the Biro reads it; its head and admins upload and activate (shared/template-library/library.ts). */
export const maySeeTemplates = (user: Identity) => BIRO_ROLES.includes(user.role) || user.role === 'admin';
export const mayManageTemplates = (user: Identity) => user.role === 'biro_head' || user.role === 'admin';
/** A batch of drafts from one workbook: the OPD drafters (shared/batch/batches.ts). */
export const mayDraftBatches = mayDraft;

/** The landing page of a role: an admin's is the administration. */
export const homeOf = (user: Identity) =>
  mayAdminister(user)
    ? '/admin'
    : hasInbox(user)
      ? '/inbox'
      : maySeeDashboard(user)
        ? '/dashboard'
        : '/archive';
