import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Delegation } from '../../shared/delegation/delegation.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../shared/errors.js';
import { type Identity, ROLES, type Role, UNIT_ROLES } from '../../shared/identity/identity.js';
import { defaultRoute, type Route, stepsOfStage } from '../../shared/workflow/route.js';
import {
  ACTIONS,
  type Action,
  capacityFor,
  type Decidable,
  type DecisionInput,
  decide,
  decidedStep,
  openSteps,
  type Workflow,
} from '../../shared/workflow/state-machine.js';

const UNIT = 'DISDIK';
const UNITS = ['DISDIK', 'DISPAR'] as const;

const user = (role: Role, unit?: string): Identity => ({
  sub: `${role}-${unit ?? 'x'}`,
  username: `${role}.${unit ?? 'x'}`,
  name: role,
  email: `${role}@example.go.id`,
  role,
  ...(UNIT_ROLES.includes(role) ? { unit: unit ?? UNIT } : {}),
});

/** Every user the matrix tries: each role, OPD roles in the agreement's unit and in another. */
const USERS: Identity[] = ROLES.flatMap((role) =>
  UNIT_ROLES.includes(role) ? UNITS.map((u) => user(role, u)) : [user(role)],
);

const draft: Workflow = { status: 'draft', approvals: [] };

function act(
  w: Workflow,
  actor: Identity,
  action: Action,
  version = 1,
  route: Route = defaultRoute('MOU', 'KSDPL'),
) {
  const input: DecisionInput = {
    workflow: w,
    unit: UNIT,
    currentVersion: version,
    route,
    actor,
    action,
    version,
    comment: 'Mohon perbaiki pasal 2 / please fix article 2',
  };
  return decide(input).workflow;
}

/** Who must act on each open step, found by trying every user. */
const approverOf = (w: Workflow) => {
  const step = openSteps(w)[0];
  return step && USERS.find((u) => u.role === step.role && (!UNIT_ROLES.includes(u.role) || u.unit === UNIT));
};

describe('the route state machine', () => {
  it('takes a foreign MoU from draft through every step to ready-to-sign', () => {
    let w = act(draft, user('opd_drafter'), 'submit');
    const visited: string[] = [];
    while (w.status === 'in_review') {
      const step = openSteps(w)[0];
      visited.push(step?.id ?? '?');
      w = act(w, approverOf(w) as Identity, 'approve');
    }
    expect(visited).toEqual([
      'opd-endorse',
      'biro-review',
      'biro-head-review',
      'central-consult',
      'sekda-initial',
    ]);
    expect(w.status).toBe('ready_to_sign');
    expect(openSteps(w).map((s) => s.id)).toEqual(['head-sign']);
  });

  it('skips the central-government consultation for domestic categories', () => {
    const route = defaultRoute('PKS', 'KSDPK');
    expect(route.steps.map((s) => s.id)).not.toContain('central-consult');
  });

  it('waits for every parallel step of a stage', () => {
    const route: Route = {
      documentType: 'MOU',
      category: 'KSDD',
      version: 3,
      steps: [
        { id: 'a', stage: 1, role: 'biro_staff', kind: 'review', dueDays: 1 },
        { id: 'b', stage: 1, role: 'biro_head', kind: 'review', dueDays: 1 },
        { id: 'c', stage: 2, role: 'kepala_daerah', kind: 'sign', dueDays: 1 },
      ],
    };
    let w = act(draft, user('opd_drafter'), 'submit', 1, route);
    expect(openSteps(w).map((s) => s.id)).toEqual(['a', 'b']);
    w = act(w, user('biro_head'), 'approve', 1, route);
    expect(w.status).toBe('in_review');
    expect(openSteps(w).map((s) => s.id)).toEqual(['a']);
    w = act(w, user('biro_staff'), 'approve', 1, route);
    expect(w.status).toBe('ready_to_sign');
    expect(w.route?.version).toBe(3);
  });

  it('sends a draft back with comments and takes it again only on a newer version', () => {
    let w = act(draft, user('opd_drafter'), 'submit');
    w = act(w, user('opd_head'), 'endorse');
    w = act(w, user('biro_staff'), 'request_changes');
    expect(w).toMatchObject({ status: 'changes_requested', changesRequestedOn: 1 });
    expect(openSteps(w).map((s) => s.id)).toEqual(['revise']);
    expect(() => act(w, user('opd_drafter'), 'resubmit', 1)).toThrow(/submit a revised version/);
    w = act(w, user('opd_drafter'), 'resubmit', 2);
    expect(w).toMatchObject({ status: 'in_review', stage: 1, approvals: [] });
  });

  it('needs a comment to request changes and a reason to reject', () => {
    const w = act(act(draft, user('opd_drafter'), 'submit'), user('opd_head'), 'endorse');
    for (const action of ['request_changes', 'reject'] as const) {
      const input: DecisionInput = {
        workflow: w,
        unit: UNIT,
        currentVersion: 1,
        route: defaultRoute('MOU', 'KSDPL'),
        actor: user('biro_staff'),
        action,
        version: 1,
      };
      expect(() => decide(input)).toThrow(ValidationError);
      expect(() => decide({ ...input, comment: '   ' })).toThrow(ValidationError);
    }
  });

  it('refuses a stale version and anything after a final decision', () => {
    const w = act(draft, user('opd_drafter'), 'submit');
    expect(() => act(w, user('opd_head'), 'endorse', 1, undefined)).not.toThrow();
    const input: DecisionInput = {
      workflow: w,
      unit: UNIT,
      currentVersion: 2,
      route: defaultRoute('MOU', 'KSDPL'),
      actor: user('opd_head'),
      action: 'endorse',
      version: 1,
    };
    expect(() => decide(input)).toThrow(ConflictError);
    const rejected = act(act(w, user('opd_head'), 'endorse'), user('biro_staff'), 'reject');
    expect(rejected.status).toBe('rejected');
    for (const u of USERS) for (const a of ACTIONS) expect(() => act(rejected, u, a)).toThrow(ConflictError);
  });

  it('authorises every role × unit × action × step exactly as the route names', () => {
    const states: Workflow[] = [draft];
    let w = act(draft, user('opd_drafter'), 'submit');
    while (w.status === 'in_review') {
      states.push(w);
      w = act(w, approverOf(w) as Identity, 'approve');
    }
    states.push(w);
    const changes = act(states[1] as Workflow, user('opd_head'), 'request_changes');
    states.push(changes);
    for (const state of states) {
      for (const actor of USERS) {
        for (const action of ACTIONS) {
          let outcome: 'ok' | 'forbidden' | 'conflict' | 'invalid';
          try {
            act(state, actor, action, state === changes ? 2 : 1);
            outcome = 'ok';
          } catch (error) {
            outcome =
              error instanceof ForbiddenError
                ? 'forbidden'
                : error instanceof ConflictError
                  ? 'conflict'
                  : 'invalid';
          }
          const ownOpd = !UNIT_ROLES.includes(actor.role) || actor.unit === UNIT;
          const step = openSteps(state)[0];
          const holdsStep =
            state.status === 'in_review' && step !== undefined && step.role === actor.role && ownOpd;
          const isDrafter = actor.role === 'opd_drafter' && ownOpd;
          let allowed = false;
          if (action === 'submit') allowed = state.status === 'draft' && isDrafter;
          else if (action === 'resubmit') allowed = state.status === 'changes_requested' && isDrafter;
          else if (action === 'withdraw') allowed = UNIT_ROLES.includes(actor.role) && ownOpd;
          else if (action === 'reject')
            allowed = holdsStep || (state.status === 'ready_to_sign' && actor.role === 'kepala_daerah');
          else if (action === 'request_changes') allowed = holdsStep;
          else if (action === 'approve') allowed = holdsStep;
          else allowed = holdsStep && step?.kind === action;
          expect(
            outcome === 'ok',
            `${actor.role}/${actor.unit ?? '-'} ${action} in ${state.status}#${state.stage}`,
          ).toBe(allowed);
          if (actor.role === 'evaluator' || actor.role === 'admin') expect(outcome).not.toBe('ok');
          if (UNIT_ROLES.includes(actor.role) && !ownOpd) expect(outcome).not.toBe('ok');
        }
      }
    }
  });

  it('never reaches an invalid state or skips a step, whatever users do in any order', () => {
    const route = defaultRoute('MOU', 'KSDPL');
    const nonSign = route.steps.filter((s) => s.kind !== 'sign').map((s) => s.id);
    fc.assert(
      fc.property(
        fc.array(fc.record({ actor: fc.constantFrom(...USERS), action: fc.constantFrom(...ACTIONS) }), {
          maxLength: 60,
        }),
        (moves) => {
          let w = draft;
          let version = 1;
          let approvedThisRound: string[] = [];
          for (const { actor, action } of moves) {
            // Drafters revise between rounds, as the API lets them.
            if (w.status === 'changes_requested' && action === 'resubmit') version++;
            let next: Workflow;
            try {
              next = act(w, actor, action, version, route);
            } catch (error) {
              expect(error instanceof ForbiddenError || error instanceof ConflictError).toBe(true);
              continue;
            }
            if (next.status === 'in_review' && (w.status === 'draft' || w.status === 'changes_requested')) {
              approvedThisRound = [];
            }
            if (next.status === 'in_review' || next.status === 'ready_to_sign') {
              const stage = next.stage as number;
              expect(stage).toBeGreaterThanOrEqual(1);
              expect(stepsOfStage(route, stage).length).toBeGreaterThan(0);
              for (const id of next.approvals)
                expect(stepsOfStage(route, stage).map((s) => s.id)).toContain(id);
            }
            const done = openSteps(w).filter((s) => !openSteps(next).some((n) => n.id === s.id));
            if (['approve', 'endorse', 'initial'].includes(action))
              approvedThisRound.push(...done.map((s) => s.id));
            if (next.status === 'ready_to_sign') {
              // Every step before signing was approved, in route order, since the last (re)submission.
              expect(approvedThisRound).toEqual(nonSign);
            }
            if (w.status === 'rejected' || w.status === 'withdrawn') expect(next).toEqual(w);
            w = next;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('signing in the route', () => {
  const toSigning = () => {
    let w = act(draft, user('opd_drafter'), 'submit');
    while (w.status === 'in_review') w = act(w, approverOf(w) as Identity, 'approve');
    return w;
  };
  const sign = (w: Workflow, actor: Identity) =>
    decide({
      workflow: w,
      unit: UNIT,
      currentVersion: 1,
      route: defaultRoute('MOU', 'KSDPL'),
      actor,
      action: 'sign',
      version: 1,
    }).workflow;

  it('lets only the head of region sign, then waits for the partner’s copy', () => {
    const w = toSigning();
    expect(() => sign(w, user('sekda'))).toThrow(ForbiddenError);
    expect(() => act(w, user('kepala_daerah'), 'approve')).toThrow(ConflictError);
    const signed = sign(w, user('kepala_daerah'));
    expect(signed.status).toBe('ready_to_sign');
    expect(openSteps(signed)).toEqual([
      expect.objectContaining({ id: 'partner-signature', role: 'biro_staff' }),
    ]);
    expect(() => sign(signed, user('kepala_daerah'))).toThrow(ConflictError);
  });

  it('refuses signing before the route reaches its signing stage', () => {
    const w = act(draft, user('opd_drafter'), 'submit');
    expect(() => sign(w, user('kepala_daerah'))).toThrow(ConflictError);
    expect(() => sign(w, user('opd_head'))).toThrow(ConflictError);
  });
});

describe('who may act is answered before who decided', () => {
  /** The foreign MoU's route: 1 opd-endorse, 2 biro-review, 3 biro-head-review, 4 central-consult, 5 sekda-initial, 6 head-sign. */
  const atStage = (stage: number) => {
    let w = act(draft, user('opd_drafter'), 'submit');
    while (w.stage !== stage) w = act(w, approverOf(w) as Identity, 'approve');
    return w;
  };
  const cases: [number, string, Decidable, string | undefined, string][] = [
    [2, 'opd_head', 'endorse', 'opd-endorse', 'a second click on endorse'],
    [2, 'opd_head', 'initial', undefined, 'an OPD head never initials'],
    [2, 'opd_head/DISPAR', 'endorse', undefined, 'another unit’s head held no step'],
    [2, 'biro_head', 'approve', undefined, 'the Biro head’s turn has not come'],
    [3, 'biro_staff', 'approve', 'biro-review', 'two Biro staff raced for the review'],
    [3, 'biro_staff', 'reject', 'biro-review', 'a late rejection of the review'],
    [5, 'biro_staff', 'initial', undefined, 'the reported case: Biro staff initialling for the Sekda'],
    [5, 'biro_staff', 'approve', 'central-consult', 'the consultation, already completed'],
    [5, 'biro_head', 'endorse', undefined, 'the Biro head never endorses'],
    [5, 'biro_head', 'approve', 'biro-head-review', 'a second click on the Biro head’s review'],
    [6, 'sekda', 'reject', 'sekda-initial', 'a late rejection after initialling'],
    [6, 'sekda', 'sign', undefined, 'only the head of region signs'],
    [6, 'opd_head/DISPAR', 'reject', undefined, 'another unit’s head held no step'],
    [4, 'opd_drafter', 'approve', undefined, 'drafters hold no route step'],
    [4, 'evaluator', 'approve', undefined, 'evaluators never act'],
    [4, 'admin', 'reject', undefined, 'admins never act'],
  ];

  it.each(cases)('stage %i, %s, %s → %s (%s)', (stage, who, action, expected) => {
    const [role, unit] = who.split('/');
    const actor = user(role as Role, unit);
    const w = atStage(stage);
    const input: DecisionInput = {
      workflow: w,
      unit: UNIT,
      currentVersion: 1,
      route: defaultRoute('MOU', 'KSDPL'),
      actor,
      action,
      version: 1,
      comment: 'Alasan / reason',
    };
    expect(() => decide(input)).toThrow(ForbiddenError);
    expect(decidedStep(w, actor, UNIT, action)?.id).toBe(expected);
  });

  it('finds a decided step only for its holder, of a kind the action completes, in every state', () => {
    const route = defaultRoute('MOU', 'KSDPL');
    const states: Workflow[] = [draft];
    let w = act(draft, user('opd_drafter'), 'submit');
    while (w.status === 'in_review') {
      states.push(w);
      w = act(w, approverOf(w) as Identity, 'approve');
    }
    states.push(w, act(states[2] as Workflow, user('biro_staff'), 'request_changes'));
    const completes = (action: Decidable, kind: string) =>
      action === 'approve' || action === 'request_changes'
        ? kind !== 'sign'
        : action === 'reject' || action === kind;
    for (const state of states) {
      for (const actor of USERS) {
        for (const action of [...ACTIONS, 'sign'] as Decidable[]) {
          const step = decidedStep(state, actor, UNIT, action);
          if (!step) continue;
          expect(['in_review', 'ready_to_sign']).toContain(state.status);
          expect(step.role).toBe(actor.role);
          if (UNIT_ROLES.includes(actor.role)) expect(actor.unit).toBe(UNIT);
          expect(completes(action, step.kind)).toBe(true);
          expect(step.stage < (state.stage as number) || state.approvals.includes(step.id)).toBe(true);
          expect(route.steps.map((s) => s.id)).toContain(step.id);
        }
      }
    }
  });
});

describe('acting for an office', () => {
  const route = defaultRoute('PKS', 'KSDPK');
  const sekda = user('sekda');
  const head = user('kepala_daerah');
  const biroHead = user('biro_head');
  const delegation = (
    kind: Delegation['kind'],
    office: Delegation['office'],
    delegate: Identity,
  ): Delegation => ({
    id: `d-${kind}-${office}`,
    regionId: 'demo',
    kind,
    office,
    delegate: { id: delegate.sub, name: delegate.name },
    from: '2026-01-01',
    to: '2026-12-31',
    reason: 'uji',
    createdAt: '2026-01-01T00:00:00Z',
    createdBy: { sub: 'admin', name: 'Admin' },
  });
  /** The workflow at the route's stage holding `stepId`, nothing of it approved yet. */
  const at = (stepId: string): Workflow => {
    const stage = route.steps.find((s) => s.id === stepId)?.stage as number;
    const signing = stepsOfStage(route, stage).every((s) => s.kind === 'sign');
    return { status: signing ? 'ready_to_sign' : 'in_review', route, stage, approvals: [] };
  };
  const input = (
    w: Workflow,
    actor: Identity,
    action: Decidable,
    delegations: Delegation[],
  ): DecisionInput => ({
    workflow: w,
    unit: UNIT,
    currentVersion: 1,
    route,
    actor,
    action,
    version: 1,
    delegations,
  });

  it('lets the a.n. delegate sign, and only sign, recording the delegation; the head signs too', () => {
    const an = delegation('an', 'kepala_daerah', sekda);
    expect(() => decide(input(at('head-sign'), sekda, 'sign', []))).toThrow(ForbiddenError);
    expect(decide(input(at('head-sign'), sekda, 'sign', [an])).actingFor).toBe(an);
    expect(decide(input(at('head-sign'), head, 'sign', [an])).actingFor).toBeUndefined();
    expect(capacityFor(sekda, { role: 'kepala_daerah', kind: 'initial' }, UNIT, [an])).toBeUndefined();
    // Rejecting at the signing stage is an act of the office, not a signature: not under a.n.
    expect(() => decide({ ...input(at('head-sign'), sekda, 'reject', [an]), comment: 'tidak' })).toThrow(
      ForbiddenError,
    );
  });

  it('makes the Plt. the only one to act for the office, and names them when refusing', () => {
    const plt = delegation('plt', 'kepala_daerah', biroHead);
    expect(decide(input(at('head-sign'), biroHead, 'sign', [plt])).actingFor).toBe(plt);
    expect(() => decide(input(at('head-sign'), head, 'sign', [plt]))).toThrow(
      'Only Plt. Head of Region (biro_head) may act now',
    );
    // The delegate's own steps stay theirs.
    expect(decide(input(at('biro-head-review'), biroHead, 'approve', [plt])).actingFor).toBeUndefined();
  });

  it('lets a Plh. act on every step of the office beside its holder', () => {
    const plh = delegation('plh', 'sekda', biroHead);
    expect(decide(input(at('sekda-initial'), biroHead, 'initial', [plh])).actingFor).toBe(plh);
    expect(decide(input(at('sekda-initial'), sekda, 'initial', [plh])).actingFor).toBeUndefined();
    expect(
      decide({ ...input(at('sekda-initial'), biroHead, 'request_changes', [plh]), comment: 'pasal 2' })
        .actingFor,
    ).toBe(plh);
    expect(() => decide(input(at('sekda-initial'), user('evaluator'), 'initial', [plh]))).toThrow(
      'Only Regional Secretary or Plh. Regional Secretary (biro_head) may act now',
    );
  });

  it('finds the decided step of a delegate who comes too late', () => {
    const an = delegation('an', 'kepala_daerah', sekda);
    const signed: Workflow = { ...at('head-sign'), approvals: ['head-sign'] };
    expect(decidedStep(signed, sekda, UNIT, 'sign', [an])?.id).toBe('head-sign');
    expect(decidedStep(signed, sekda, UNIT, 'sign', [])).toBeUndefined();
  });
});
