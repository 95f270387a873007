import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import { CURRENT_TEMPLATES } from '../../templates/index.js';
import { attemptId, committing } from '../attempt.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { AgreementForm } from '../form/agreement-form.js';
import { say } from '../form/messages.js';
import { canSeeUnit, type Identity } from '../identity/identity.js';
import type { AgreementStore, Clock, FileStore } from '../ports.js';
import { type AuditEvent, actorOf, seal } from '../workflow/audit.js';
import { RaceLostError, winner } from '../workflow/race.js';
import {
  type Agreement,
  type AgreementVersion,
  agreementIdSchema,
  REVISABLE_STATUSES,
  type StoredFile,
  summarise,
} from './agreement.js';

export interface DraftingDeps {
  store: AgreementStore;
  files: FileStore;
  clock: Clock;
  newId?: () => string;
}

/** The parent an LoI/MoU/PKS may follow: a MoU follows an LoI, a PKS implements a MoU. */
const PARENT_TYPE = { MOU: 'LOI', PKS: 'MOU' } as const;

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Under the attempt that rendered it: concurrent attempts at one version never share a key. */
export const fileKey = (
  id: string,
  version: number,
  attempt: string,
  ext: 'pdf' | 'docx',
  documentType: string,
) => `agreements/${id}/v${version}/${attempt}/${documentType.toLowerCase()}-${id}-v${version}.${ext}`;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The number printed in every footer: the first party's own number, or the draft's id, and the version. */
export const footerNumber = (form: AgreementForm, id: string, version: number) =>
  `${form.parties[0]?.documentNumber ?? id} · v${version}`;

/** Drafting: turns forms into stored, rendered versions. Writes files first, then the records atomically. */
export class Drafting {
  private readonly newId: () => string;

  constructor(private readonly deps: DraftingDeps) {
    this.newId = deps.newId ?? (() => ulid());
  }

  async create(form: AgreementForm, user: Identity, idempotencyKey?: string): Promise<Agreement> {
    mustDraftFor(user, form.initiatingUnit.code);
    // A key answers only its own user's retries: another user's identical key makes their own draft.
    const scopedKey = idempotencyKey && `${user.sub}#${idempotencyKey}`;
    if (scopedKey) {
      const existing = await this.deps.store.findByIdempotencyKey(scopedKey);
      if (existing) return this.mustGet(existing);
    }
    const id = this.newId();
    const now = this.deps.clock.now().toISOString();
    const version = await this.renderAndStore(id, 1, form, now, user);
    const event = auditEvent(version, user, 'create', undefined, 'draft', undefined);
    const agreement = summarise(id, form, 1, {
      workflow: { status: 'draft', approvals: [] },
      lastEvent: { seq: event.seq, hash: event.hash },
      createdAt: now,
      updatedAt: now,
    });
    const result = await committing(this.deps.files, fileKeys(version), () =>
      this.deps.store.create(agreement, version, event, scopedKey),
    );
    if (result.created) return agreement;
    // A retry with the same key: the first call's agreement stands, this attempt's files go.
    await this.deps.files.remove(fileKeys(version));
    return this.mustGet(result.id);
  }

  async revise(id: string, form: AgreementForm, user: Identity): Promise<Agreement> {
    const current = await this.mustGet(id, user);
    mustDraftFor(user, current.initiatingUnit.code);
    if (form.initiatingUnit.code !== current.initiatingUnit.code) {
      throw new ValidationError([
        {
          path: 'initiatingUnit.code',
          message: say(
            `tidak dapat diubah: draf ini milik ${current.initiatingUnit.code}`,
            `cannot change: this draft belongs to ${current.initiatingUnit.code}`,
          ),
        },
      ]);
    }
    if (!REVISABLE_STATUSES.includes(current.status)) {
      throw new ConflictError(
        `Agreement ${id} is ${current.status}; a new version can be submitted only while it is a draft or changes were requested`,
        { status: current.status },
      );
    }
    if (form.documentType !== current.documentType) {
      throw new ValidationError([
        {
          path: 'documentType',
          message: say(
            `tidak dapat diubah: dokumen ini ${current.documentType}`,
            `cannot change: this document is a ${current.documentType}`,
          ),
        },
      ]);
    }
    const next = current.currentVersion + 1;
    const now = this.deps.clock.now().toISOString();
    const version = await this.renderAndStore(id, next, form, now, user);
    const event = auditEvent(version, user, 'revise', current.status, current.status, current.lastEvent);
    const updated = summarise(id, form, next, {
      workflow: current.workflow,
      lastEvent: { seq: event.seq, hash: event.hash },
      createdAt: current.createdAt,
      updatedAt: now,
    });
    try {
      await committing(this.deps.files, fileKeys(version), () =>
        this.deps.store.addVersion(updated, version, event, current),
      );
    } catch (error) {
      if (error instanceof RaceLostError) throw await this.savedFirst(id, next);
      throw error;
    }
    return updated;
  }

  /** The 409 for a revision that lost: who changed the draft first (a double click: the same user). */
  private async savedFirst(id: string, version: number): Promise<ConflictError> {
    const last = await this.deps.store.lastEvent(id);
    if (!last)
      return new ConflictError(
        say('Draf ini baru saja berubah: muat ulang', 'The draft just changed: reload it'),
      );
    const { who, details } = winner(last);
    return new ConflictError(
      last.action === 'revise' && last.version === version
        ? say(
            `Versi ${version} sudah disimpan lebih dahulu oleh ${who} pada ${last.at}: muat ulang draf dan buat perubahan pada versi itu`,
            `Version ${version} was saved first by ${who} at ${last.at}: reload the draft and make your changes on that version`,
          )
        : say(
            `Draf ini diubah lebih dahulu oleh ${who} pada ${last.at} (${last.action}): muat ulang draf`,
            `The draft was changed first by ${who} at ${last.at} (${last.action}): reload the draft`,
          ),
      details,
    );
  }

  private async renderAndStore(
    id: string,
    n: number,
    form: AgreementForm,
    now: string,
    user: Identity,
  ): Promise<AgreementVersion> {
    const parent = await this.parentTitle(form, user);
    const { renderAgreement } = await import('../documents/render.js');
    const rendered = await renderAgreement(form, {
      documentNumber: footerNumber(form, id, n),
      issuedAt: now,
      ...(parent && { parent }),
    });
    const attempt = attemptId();
    const pdf = this.describe(fileKey(id, n, attempt, 'pdf', form.documentType), PDF, rendered.pdf);
    const docx = this.describe(fileKey(id, n, attempt, 'docx', form.documentType), DOCX, rendered.docx);
    await committing(this.deps.files, [pdf.key, docx.key], () =>
      Promise.all([
        this.deps.files.put(pdf.key, rendered.pdf, PDF),
        this.deps.files.put(docx.key, rendered.docx, DOCX),
      ]),
    );
    return {
      agreementId: id,
      version: n,
      form,
      templateId: rendered.document.templateId,
      templateVersion: rendered.document.templateVersion,
      pageCount: rendered.pageCount,
      signatureBoxes: rendered.signatureBoxes,
      files: { pdf, docx },
      createdAt: now,
    };
  }

  private describe(key: string, contentType: string, bytes: Uint8Array): StoredFile {
    return { key, contentType, size: bytes.byteLength, sha256: sha256(bytes) };
  }

  private async mustGet(id: string, user?: Identity): Promise<Agreement> {
    const agreement = agreementIdSchema.safeParse(id).success ? await this.deps.store.get(id) : undefined;
    // Another OPD's agreement is reported as missing: its existence is not theirs to know.
    if (!agreement || (user && !canSeeUnit(user, agreement.initiatingUnit.code))) {
      throw new NotFoundError(`Agreement ${id}`);
    }
    return agreement;
  }

  /**
   * A MoU may follow an LoI and a PKS a MoU; the parent must exist and be one the drafter may see
   * (another OPD's agreement is answered as unknown: its existence and title are not theirs to know).
   * Returns how the text names it.
   */
  private async parentTitle(
    form: AgreementForm,
    user: Identity,
  ): Promise<{ id: string; en?: string } | undefined> {
    if (!form.parent) return undefined;
    const parentId = form.parent.agreementId;
    const found = agreementIdSchema.safeParse(parentId).success
      ? await this.deps.store.get(parentId)
      : undefined;
    const parent = found && canSeeUnit(user, found.initiatingUnit.code) ? found : undefined;
    const expected = form.documentType === 'LOI' ? undefined : PARENT_TYPE[form.documentType];
    if (!parent || parent.documentType !== expected) {
      throw new ValidationError([
        {
          path: 'parent.agreementId',
          message: say(
            `harus id ${expected ?? 'dokumen induk'} yang sudah terdaftar`,
            `must be the id of a registered ${expected ?? 'parent document'}`,
          ),
        },
      ]);
    }
    const { name } = CURRENT_TEMPLATES[parent.documentType];
    const title: { id: string; en?: string } = { id: `${name.id} tentang ${parent.title.id}` };
    if (form.languages.includes('en')) title.en = `the ${name.en} on ${parent.title.en ?? parent.title.id}`;
    return title;
  }
}

const fileKeys = (v: AgreementVersion) => [v.files.pdf.key, v.files.docx.key];

/** Drafts are written by the drafters of the initiating OPD. */
function mustDraftFor(user: Identity, unit: string): void {
  if (user.role !== 'opd_drafter' || user.unit !== unit) {
    throw new ForbiddenError(
      say(
        `Hanya Penyusun OPD ${unit} yang dapat menyusun draf ini`,
        `Only an OPD drafter of ${unit} may write this draft`,
      ),
      { mayAct: ['opd_drafter'], unit },
    );
  }
}

function auditEvent(
  version: AgreementVersion,
  user: Identity,
  action: 'create' | 'revise',
  fromStatus: string | undefined,
  toStatus: string,
  previous: { seq: number; hash: string } | undefined,
): AuditEvent {
  return seal(
    {
      agreementId: version.agreementId,
      at: version.createdAt,
      actor: actorOf(user),
      action,
      version: version.version,
      documentSha256: version.files.pdf.sha256,
      ...(fromStatus ? { fromStatus } : {}),
      toStatus,
    },
    previous,
  );
}
