import { attemptId } from '../attempt.js';
import { ValidationError } from '../errors.js';
import { say } from '../form/messages.js';
import { parse } from '../form/parse.js';
import { sha256 } from '../hash.js';
import type { Identity } from '../identity/identity.js';
import { type ActionRequest, actionRequestSchema } from './action-request.js';
import { openSteps } from './state-machine.js';
import {
  type EffectContext,
  type EffectResult,
  type TransitionDeps,
  type Transitioned,
  transition,
} from './transition.js';

/** Routing: the actions users take on an agreement's route (submit, approve, …, withdraw). */
export class WorkflowService {
  constructor(private readonly deps: TransitionDeps) {}

  /** POST …/actions with { action, version, comment?, article?, letter? }. */
  async act(id: string, user: Identity, body: unknown): Promise<Transitioned> {
    const request = parse(actionRequestSchema, body);
    return transition(this.deps, id, user, request, (ctx) => this.letter(ctx, request));
  }

  /** A consultation step is completed with the central government's letter, stored beside the agreement. */
  private async letter(
    { agreement, before, steps }: EffectContext,
    request: ActionRequest,
  ): Promise<EffectResult> {
    const consults = openSteps(before).filter((s) => s.kind === 'consult' && steps.includes(s.id));
    const approving = !['reject', 'request_changes'].includes(request.action);
    if (!consults.length || !approving) return {};
    if (!request.letter) {
      throw new ValidationError([
        {
          path: 'letter',
          message: say(
            'unggah surat dari Kemendagri/Kemenlu (PDF) untuk menyelesaikan konsultasi',
            'upload the letter from the central government (PDF) to complete the consultation',
          ),
        },
      ]);
    }
    const bytes = Buffer.from(request.letter.contentBase64, 'base64');
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new ValidationError([
        { path: 'letter.contentBase64', message: say('bukan berkas PDF', 'is not a PDF file') },
      ]);
    }
    // Under this attempt's own folder: two concurrent decisions never write the same object.
    const key = `agreements/${agreement.id}/letters/${attemptId()}/${request.letter.name.replace(/[^\w.-]/g, '_')}`;
    await this.deps.files.put(key, bytes, 'application/pdf');
    return { attachment: { key, name: request.letter.name, sha256: sha256(bytes) }, files: [key] };
  }
}
