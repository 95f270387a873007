import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import { CURRENT_TEMPLATES } from '../../templates/index.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { AgreementForm } from '../form/agreement-form.js';
import { say } from '../form/messages.js';
import { canSeeUnit, type Identity } from '../identity/identity.js';
import type { AgreementStore, Clock, FileStore } from '../ports.js';
import { type AuditEvent, actorOf, seal } from '../workflow/audit.js';
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

export const fileKey = (id: string, version: number, ext: 'pdf' | 'docx', documentType: string) =>
  `agreements/${id}/v${version}/${documentType.toLowerCase()}-${id}-v${version}.${ext}`;

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
    if (idempotencyKey) {
      const existing = await this.deps.store.findByIdempotencyKey(idempotencyKey);
      if (existing) return this.mustGet(existing);
    }
    const id = this.newId();
    const now = this.deps.clock.now().toISOString();
    const version = await this.renderAndStore(id, 1, form, now);
    const event = auditEvent(version, user, 'create', undefined, 'draft', undefined);
    const agreement = summarise(id, form, 1, {
      workflow: { status: 'draft', approvals: [] },
      lastEvent: { seq: event.seq, hash: event.hash },
      createdAt: now,
      updatedAt: now,
    });
    try {
      const result = await this.deps.store.create(agreement, version, event, idempotencyKey);
      if (!result.created) {
        await this.deps.files.remove(fileKeys(version));
        return this.mustGet(result.id);
      }
    } catch (error) {
      await this.deps.files.remove(fileKeys(version));
      throw error;
    }
    return agreement;
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
    const version = await this.renderAndStore(id, next, form, now);
    const event = auditEvent(version, user, 'revise', current.status, current.status, current.lastEvent);
    const updated = summarise(id, form, next, {
      workflow: current.workflow,
      lastEvent: { seq: event.seq, hash: event.hash },
      createdAt: current.createdAt,
      updatedAt: now,
    });
    try {
      await this.deps.store.addVersion(updated, version, event, current);
    } catch (error) {
      await this.deps.files.remove(fileKeys(version));
      throw error;
    }
    return updated;
  }

  private async renderAndStore(
    id: string,
    n: number,
    form: AgreementForm,
    now: string,
  ): Promise<AgreementVersion> {
    const parent = await this.parentTitle(form);
    const { renderAgreement } = await import('../documents/render.js');
    const rendered = await renderAgreement(form, {
      documentNumber: footerNumber(form, id, n),
      issuedAt: now,
      ...(parent && { parent }),
    });
    const pdf = this.describe(fileKey(id, n, 'pdf', form.documentType), PDF, rendered.pdf);
    const docx = this.describe(fileKey(id, n, 'docx', form.documentType), DOCX, rendered.docx);
    try {
      await Promise.all([
        this.deps.files.put(pdf.key, rendered.pdf, PDF),
        this.deps.files.put(docx.key, rendered.docx, DOCX),
      ]);
    } catch (error) {
      await this.deps.files.remove([pdf.key, docx.key]);
      throw error;
    }
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

  /** A MoU may follow an LoI and a PKS a MoU; the parent must exist. Returns how the text names it. */
  private async parentTitle(form: AgreementForm): Promise<{ id: string; en?: string } | undefined> {
    if (!form.parent) return undefined;
    const parentId = form.parent.agreementId;
    const parent = agreementIdSchema.safeParse(parentId).success
      ? await this.deps.store.get(parentId)
      : undefined;
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
