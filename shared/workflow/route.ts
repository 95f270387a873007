import * as z from 'zod';
import {
  CATEGORIES,
  type Category,
  DOCUMENT_TYPES,
  type DocumentType,
  isForeign,
} from '../form/agreement-form.js';
import { say } from '../form/messages.js';
import { ROLES } from '../identity/identity.js';

/** What a step asks of its actor. `sign` steps are completed by signing, not by an approval. */
export const STEP_KINDS = ['endorse', 'review', 'consult', 'initial', 'sign'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const stepSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,40}$/),
  /** Steps with the same stage run in parallel; stages run in order, starting at 1. */
  stage: z.number().int().min(1).max(20),
  role: z.enum(ROLES).refine((r) => r !== 'evaluator' && r !== 'admin', {
    params: say(
      'evaluator dan admin tidak bertindak dalam alur',
      'evaluators and admins do not act in a route',
    ),
  }),
  kind: z.enum(STEP_KINDS),
  dueDays: z.number().int().min(1).max(365),
});

export type Step = z.infer<typeof stepSchema>;

/** The editable part of a route: its steps. */
export const routeStepsSchema = z
  .object({ steps: z.array(stepSchema).min(1).max(30) })
  .superRefine(({ steps }, ctx) => {
    const stages = [...new Set(steps.map((s) => s.stage))].sort((a, b) => a - b);
    if (stages.some((stage, i) => stage !== i + 1)) {
      ctx.addIssue({
        code: 'custom',
        path: ['steps'],
        message: 'stages must be numbered 1, 2, 3… without gaps',
        params: say(
          'tahap harus bernomor 1, 2, 3… tanpa lompatan',
          'stages must be numbered 1, 2, 3… without gaps',
        ),
      });
    }
    const ids = steps.map((s) => s.id);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['steps'],
        message: 'step ids must be unique',
        params: say('id langkah harus unik', 'step ids must be unique'),
      });
    }
    const signStages = steps.filter((s) => s.kind === 'sign').map((s) => s.stage);
    if (signStages.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['steps'],
        message: 'a route ends with a signing step',
        params: say('alur harus diakhiri langkah tanda tangan', 'a route must end with a signing step'),
      });
    }
    const firstSign = Math.min(...signStages);
    steps.forEach((s, i) => {
      if (s.kind !== 'sign' && s.stage >= firstSign) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'stage'],
          message: 'sign steps come last',
          params: say('langkah tanda tangan harus di tahap terakhir', 'signing steps must come last'),
        });
      }
    });
  });

export interface Route {
  documentType: DocumentType;
  category: Category;
  /** 0 for the built-in default; each saved change adds one. */
  version: number;
  steps: Step[];
  updatedAt?: string;
  updatedBy?: string;
}

export const routeKeySchema = z.object({
  documentType: z.enum(DOCUMENT_TYPES),
  category: z.enum(CATEGORIES),
});

/**
 * The typical route of the domain brief: the OPD head endorses, the Biro reviews (its head too),
 * foreign cooperation is consulted with the central government, the Sekda initials, the head of
 * region signs.
 */
export function defaultRoute(documentType: DocumentType, category: Category): Route {
  const steps: Step[] = [
    { id: 'opd-endorse', stage: 1, role: 'opd_head', kind: 'endorse', dueDays: 3 },
    { id: 'biro-review', stage: 2, role: 'biro_staff', kind: 'review', dueDays: 7 },
    { id: 'biro-head-review', stage: 3, role: 'biro_head', kind: 'review', dueDays: 3 },
  ];
  if (isForeign({ category })) {
    steps.push({ id: 'central-consult', stage: 4, role: 'biro_staff', kind: 'consult', dueDays: 30 });
  }
  const next = steps.length + 1;
  steps.push(
    { id: 'sekda-initial', stage: next, role: 'sekda', kind: 'initial', dueDays: 3 },
    { id: 'head-sign', stage: next + 1, role: 'kepala_daerah', kind: 'sign', dueDays: 7 },
  );
  return { documentType, category, version: 0, steps };
}

export const stepsOfStage = (route: Pick<Route, 'steps'>, stage: number) =>
  route.steps.filter((s) => s.stage === stage);
export const lastStage = (route: Pick<Route, 'steps'>) => Math.max(...route.steps.map((s) => s.stage));
