import type { AgreementStatus } from '../agreement/status.js';
import { actingName, type Delegation } from '../delegation/delegation.js';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import { say } from '../form/messages.js';
import { type Identity, ROLE_NAMES, type Role } from '../identity/identity.js';
import { type Route, type Step, type StepKind, stepsOfStage } from './route.js';

/** Actions a user takes on an agreement; `endorse` and `initial` are approvals named for their step. */
export const ACTIONS = [
  'submit',
  'approve',
  'endorse',
  'initial',
  'request_changes',
  'reject',
  'resubmit',
  'withdraw',
] as const;
export type Action = (typeof ACTIONS)[number];
/** `sign` is decided like an approval but reached only through the signing endpoint, which signs the PDF. */
export type Decidable = Action | 'sign';

/** Where an agreement is in its route. Only `decide` produces a new one. */
export interface Workflow {
  status: AgreementStatus;
  /** The route taken when the draft was submitted: later route changes do not touch it. */
  route?: Pick<Route, 'version' | 'steps'>;
  /** The stage whose steps are open (in review or ready to sign). */
  stage?: number;
  /** Steps of the current stage already approved. */
  approvals: string[];
  /** The version on which changes were requested: resubmitting needs a newer one. */
  changesRequestedOn?: number;
}

/** A step someone must act on now: a route step, or the drafter's revision after a request for changes. */
export interface OpenStep {
  id: string;
  role: Role;
  kind: StepKind | 'revise' | 'upload';
  dueDays: number;
}

export const REVISE_STEP: OpenStep = { id: 'revise', role: 'opd_drafter', kind: 'revise', dueDays: 14 };

/** After the region has signed, the Biro uploads the copy the partner signed (often on paper). */
export const PARTNER_SIGNATURE_STEP: OpenStep = {
  id: 'partner-signature',
  role: 'biro_staff',
  kind: 'upload',
  dueDays: 30,
};

export interface DecisionInput {
  workflow: Workflow;
  /** The agreement's initiating unit: OPD steps belong to it. */
  unit: string;
  currentVersion: number;
  /** The route in force for this document type and category (used on submit). */
  route: Route;
  actor: Identity;
  action: Decidable;
  version: number;
  comment?: string;
  /** The delegations in force now: who acts for an office (Plt., Plh.), or signs on its behalf (a.n.). */
  delegations?: readonly Delegation[];
}

export interface Decision {
  workflow: Workflow;
  /** Route steps the action completed (for the audit event). */
  steps: string[];
  /** The delegation the actor acted under, when they acted for the office rather than as its holder. */
  actingFor?: Delegation;
}

const FINAL: readonly AgreementStatus[] = ['rejected', 'withdrawn'];

export function openSteps(w: Workflow): OpenStep[] {
  if (w.status === 'changes_requested') return [REVISE_STEP];
  if ((w.status !== 'in_review' && w.status !== 'ready_to_sign') || !w.route || w.stage === undefined)
    return [];
  const open = stepsOfStage(w.route, w.stage).filter((s) => !w.approvals.includes(s.id));
  return open.length === 0 && w.status === 'ready_to_sign' ? [PARTNER_SIGNATURE_STEP] : open;
}

const describeActor = (step: Pick<OpenStep, 'role'>, unit: string) =>
  step.role === 'opd_drafter' || step.role === 'opd_head'
    ? { id: `${ROLE_NAMES[step.role].id} ${unit}`, en: `${ROLE_NAMES[step.role].en} of ${unit}` }
    : ROLE_NAMES[step.role];

type StepRef = Pick<OpenStep, 'role'> & { kind?: OpenStep['kind'] };

/**
 * In what capacity `actor` may act on `step`: as the holder of its role (`'holder'`), as the delegate
 * of a delegation in force for that office (Plt. and Plh. act on all its steps, a.n. only signs), or
 * not at all. While a Plt. runs, the office's own holders do not act: the Plt. does.
 */
export function capacityFor(
  actor: Pick<Identity, 'sub' | 'role' | 'unit'>,
  step: StepRef,
  unit: string,
  delegations: readonly Delegation[] = [],
): 'holder' | Delegation | undefined {
  const forOffice = delegations.filter((d) => d.office === step.role);
  const holder =
    actor.role === step.role &&
    (step.role !== 'opd_drafter' && step.role !== 'opd_head' ? true : actor.unit === unit) &&
    !forOffice.some((d) => d.kind === 'plt' && d.delegate.id !== actor.sub);
  if (holder) return 'holder';
  return forOffice.find((d) => d.delegate.id === actor.sub && (d.kind !== 'an' || step.kind === 'sign'));
}

/** The delegations that may stand for an office in `action`: a.n. is a mandate to sign, nothing else. */
const usableFor = (action: Decidable, delegations: readonly Delegation[] = []) =>
  action === 'sign' ? delegations : delegations.filter((d) => d.kind !== 'an');

const mayAct = (actor: Identity, step: StepRef, unit: string, delegations?: readonly Delegation[]) =>
  capacityFor(actor, step, unit, delegations) !== undefined;

function forbidden(steps: StepRef[], unit: string, delegations: readonly Delegation[] = []): ForbiddenError {
  const who = steps.flatMap((s) => {
    const forOffice = delegations.filter(
      (d) => d.office === s.role && (d.kind !== 'an' || s.kind === 'sign'),
    );
    const acting = forOffice.map((d) => ({ id: actingName(d, 'id'), en: actingName(d, 'en') }));
    return forOffice.some((d) => d.kind === 'plt') ? acting : [describeActor(s, unit), ...acting];
  });
  const list = (lang: 'id' | 'en') => who.map((w) => w[lang]).join(lang === 'id' ? ' atau ' : ' or ');
  return new ForbiddenError(
    say(`Hanya ${list('id')} yang dapat bertindak sekarang`, `Only ${list('en')} may act now`),
    { mayAct: steps.map((s) => s.role) },
  );
}

/** Opens a stage: ready to sign when it holds the signing steps, otherwise in review. */
function enter(route: Pick<Route, 'version' | 'steps'>, stage: number): Workflow {
  const signing = stepsOfStage(route, stage).every((s) => s.kind === 'sign');
  return { status: signing ? 'ready_to_sign' : 'in_review', route, stage, approvals: [] };
}

const requireComment = (input: DecisionInput, what: { id: string; en: string }) => {
  if (!input.comment?.trim()) throw new ValidationError([{ path: 'comment', message: what }]);
};

/**
 * Decides an action: the next workflow, or an error saying why not (403 wrong person, 409 wrong
 * moment or version, 400 missing comment). Pure: no clock, no storage.
 */
export function decide(input: DecisionInput): Decision {
  const { workflow: w, actor, action, unit } = input;
  if (FINAL.includes(w.status)) {
    throw new ConflictError(`This agreement is ${w.status}; no further action is possible`, {
      status: w.status,
    });
  }
  if (input.version !== input.currentVersion) {
    throw new ConflictError(
      `Version ${input.version} is not the current version (${input.currentVersion}): reload and act on the current version`,
      { currentVersion: input.currentVersion },
    );
  }
  const drafter = { role: 'opd_drafter' as const };
  switch (action) {
    case 'submit': {
      if (w.status !== 'draft')
        throw new ConflictError(`Only a draft can be submitted; this one is ${w.status}`);
      if (!mayAct(actor, drafter, unit)) throw forbidden([drafter], unit);
      const route = { version: input.route.version, steps: input.route.steps };
      return { workflow: enter(route, 1), steps: [] };
    }
    case 'resubmit': {
      if (w.status !== 'changes_requested' || !w.route) {
        throw new ConflictError(
          `Only an agreement with requested changes can be resubmitted; this one is ${w.status}`,
        );
      }
      if (!mayAct(actor, drafter, unit)) throw forbidden([drafter], unit);
      if (input.version <= (w.changesRequestedOn ?? 0)) {
        throw new ConflictError(
          `Changes were requested on version ${w.changesRequestedOn}: submit a revised version before resubmitting`,
        );
      }
      return { workflow: enter(w.route, 1), steps: [] };
    }
    case 'withdraw': {
      const heads = [drafter, { role: 'opd_head' as const }];
      if (!heads.some((s) => mayAct(actor, s, unit))) throw forbidden(heads, unit);
      return { workflow: { status: 'withdrawn', approvals: [] }, steps: [] };
    }
    default:
      return decideOnStep(input);
  }
}

/** approve / endorse / initial / sign / request_changes / reject: by whoever the current stage names. */
function decideOnStep(input: DecisionInput): Decision {
  const { workflow: w, actor, action, unit } = input;
  const delegations = usableFor(action, input.delegations);
  const open = openSteps(w).filter((s) => s.kind !== 'revise' && s.kind !== 'upload') as Step[];
  const signing = w.status === 'ready_to_sign';
  const allowed = action === 'sign' ? signing : w.status === 'in_review' || (signing && action === 'reject');
  if (!allowed) {
    throw new ConflictError(`Nothing awaits this decision: the agreement is ${w.status}`, {
      status: w.status,
    });
  }
  if (signing && open.length === 0) {
    throw new ConflictError('The region has signed; the partner’s signed copy is awaited', {
      status: w.status,
    });
  }
  const mine = open.filter((s) => mayAct(actor, s, unit, delegations));
  if (mine.length === 0) throw forbidden(open, unit, delegations);
  const capacity = capacityFor(actor, mine[0] as Step, unit, delegations);
  const acting = capacity && capacity !== 'holder' ? { actingFor: capacity } : {};
  if (action === 'reject') {
    requireComment(input, say('alasan penolakan wajib diisi', 'a reason for the rejection is required'));
    return { workflow: { status: 'rejected', approvals: [] }, steps: mine.map((s) => s.id), ...acting };
  }
  if (action === 'request_changes') {
    requireComment(input, say('tuliskan perubahan yang diminta', 'say which changes are requested'));
    const route = w.route as NonNullable<Workflow['route']>;
    return {
      workflow: {
        status: 'changes_requested',
        route,
        approvals: [],
        changesRequestedOn: input.currentVersion,
      },
      steps: mine.map((s) => s.id),
      ...acting,
    };
  }
  const step = mine[0] as Step;
  if (action === 'sign') {
    return { workflow: { ...w, approvals: [...w.approvals, step.id] }, steps: [step.id], ...acting };
  }
  const expected = step.kind === 'endorse' ? 'endorse' : step.kind === 'initial' ? 'initial' : 'approve';
  if (action !== 'approve' && action !== expected) {
    throw new ConflictError(`The open step "${step.id}" is completed by "${expected}", not "${action}"`);
  }
  const approvals = [...w.approvals, step.id];
  const route = w.route as NonNullable<Workflow['route']>;
  const stage = w.stage as number;
  const stageDone = stepsOfStage(route, stage).every((s) => approvals.includes(s.id));
  return {
    workflow: stageDone ? enter(route, stage + 1) : { ...w, approvals },
    steps: [step.id],
    ...acting,
  };
}

/** The step kinds each action completes: `approve` stands for any review-like step. */
const KINDS_OF: Record<Decidable, readonly StepKind[]> = {
  submit: [],
  resubmit: [],
  withdraw: [],
  approve: ['endorse', 'review', 'consult', 'initial'],
  endorse: ['endorse'],
  initial: ['initial'],
  request_changes: ['endorse', 'review', 'consult', 'initial'],
  reject: ['endorse', 'review', 'consult', 'initial', 'sign'],
  sign: ['sign'],
};

/**
 * After `decide` refused `actor` (a 403): the step of this round that the actor held, of a kind
 * `action` completes, and that is decided already: they came too late for their own step (a 409
 * naming who decided it). None when they never held such a step: they act out of turn (the 403).
 */
export function decidedStep(
  w: Workflow,
  actor: Identity,
  unit: string,
  action: Decidable,
  delegations?: readonly Delegation[],
): Step | undefined {
  if ((w.status !== 'in_review' && w.status !== 'ready_to_sign') || !w.route || w.stage === undefined)
    return undefined;
  const stage = w.stage;
  return w.route.steps
    .filter(
      (s) =>
        KINDS_OF[action].includes(s.kind) &&
        mayAct(actor, s, unit, usableFor(action, delegations)) &&
        (s.stage < stage || w.approvals.includes(s.id)),
    )
    .sort((a, b) => b.stage - a.stage)[0];
}
