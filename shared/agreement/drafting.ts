import { ulid } from 'ulid';
import * as z from 'zod';
import { attemptId, committing } from '../attempt.js';
import { checkNegotiated, deviationsOf } from '../documents/negotiation.js';
import type { Template } from '../documents/template.js';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import type { AgreementForm } from '../form/agreement-form.js';
import { say } from '../form/messages.js';
import { parse } from '../form/parse.js';
import { sha256 } from '../hash.js';
import { BIRO_ROLES, canSeeUnit, type Identity } from '../identity/identity.js';
import { isId } from '../ids.js';
import type { Agreements } from '../ports/agreements.js';
import type { ChangeItem } from '../ports/changes.js';
import type { TemplateCatalog } from '../ports/templates.js';
import { actorOf } from '../workflow/audit.js';
import { RaceLostError, winner } from '../workflow/race.js';
import { type Agreement, type AgreementVersion, type StoredFile, summarise } from './agreement.js';
import {
  type CompletedForm,
  completeForm,
  type FormCompletionDeps,
  mustBeActive,
  regionEmblemContext,
} from './first-party.js';
import { mustSee } from './queries.js';
import { type ChangeDeps, recordChange } from './record-change.js';
import { REVISABLE_STATUSES } from './status.js';

export interface DraftingDeps extends ChangeDeps {
  agreements: Agreements;
  templates: TemplateCatalog;
  /** The region's profile and units: the first party and the initiating unit come from them. */
  region: FormCompletionDeps;
  newId?: () => string;
}

/**
 * Beside the form, a revision may ask to move to the template version in force (`'latest'`);
 * without it a revision keeps the template version of the draft's current version.
 */
const revisionSchema = z.object({ templateVersion: z.literal('latest').optional() });

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

/** The number printed in every footer: the first party's own number, or the draft's id, and the version. */
export const footerNumber = (form: AgreementForm, id: string, version: number) =>
  `${form.parties[0]?.documentNumber ?? id} · v${version}`;

/** Drafting: turns forms into stored, rendered versions. Writes files first, then the records atomically. */
export class Drafting {
  private readonly newId: () => string;

  constructor(private readonly deps: DraftingDeps) {
    this.newId = deps.newId ?? (() => ulid());
  }

  /**
   * The form (a request body) → version 1 of a new draft, or what a retry with the same key made.
   * `also`: items written with it (a batch's row), whose conditions a retry fails like the key's.
   */
  async create(
    body: unknown,
    user: Identity,
    idempotencyKey?: string,
    also: ChangeItem[] = [],
  ): Promise<Agreement> {
    const completed = await completeForm(this.deps.region, body);
    const { form } = completed;
    mustDraftFor(user, form.initiatingUnit.code);
    // A key answers only its own user's retries: another user's identical key makes their own draft.
    const scopedKey = idempotencyKey && `${user.sub}#${idempotencyKey}`;
    const existing = scopedKey && (await this.deps.agreements.findByIdempotencyKey(scopedKey));
    if (existing) return mustSee(this.deps.agreements, existing);
    const id = this.newId();
    try {
      const { agreement } = await recordChange(this.deps, {
        load: async () => undefined,
        decide: async (_, at) => {
          const template = await this.deps.templates.active(form.documentType);
          const version = await this.render(id, 1, completed, template, at, user);
          return {
            after: summarise(id, form, 1, { workflow: { status: 'draft', approvals: [] }, createdAt: at }),
            event: { actor: actorOf(user), action: 'create', documentSha256: version.files.pdf.sha256 },
            items: [
              { kind: 'version', version },
              this.unitActive(form),
              ...(scopedKey ? [{ kind: 'idempotency' as const, key: scopedKey }] : []),
              ...also,
            ],
            files: fileKeys(version),
            result: undefined,
          };
        },
        attempts: 1,
        lost: async (race) => race,
      });
      return agreement;
    } catch (error) {
      // A new agreement's own items cannot exist yet: a failed condition is the idempotency record,
      // written by a retry with the same key that got there first. Its agreement stands; this
      // attempt's files are gone.
      const first = error instanceof RaceLostError && scopedKey;
      const winner = first && (await this.deps.agreements.findByIdempotencyKey(first));
      if (!winner) {
        if (error instanceof RaceLostError) await this.mustStillBeActive(form);
        throw error;
      }
      return mustSee(this.deps.agreements, winner);
    }
  }

  /**
   * The edited form (a request body) → the next version of a draft; earlier versions stay. It keeps
   * the template version of the current one unless the body asks for `templateVersion: 'latest'`.
   */
  async revise(id: string, body: unknown, user: Identity): Promise<Agreement> {
    const completed = await completeForm(this.deps.region, body);
    const { form } = completed;
    const { templateVersion } = parse(revisionSchema, body);
    let next = 0;
    const { agreement } = await recordChange(this.deps, {
      load: () => mustSee(this.deps.agreements, id, user),
      decide: async (current, at) => {
        mustRevise(current, form, user);
        next = current.currentVersion + 1;
        const template = await this.templateOf(current, templateVersion);
        const version = await this.render(id, next, completed, template, at, user, current.documentNumber);
        // A number assigned in review stays the agreement's: the new version is printed with it.
        const { documentNumber, register } = current;
        return {
          after: {
            ...summarise(id, form, next, current),
            ...(documentNumber ? { documentNumber } : {}),
            ...(register ? { register } : {}),
          },
          event: { actor: actorOf(user), action: 'revise', documentSha256: version.files.pdf.sha256 },
          items: [{ kind: 'version', version }, this.unitActive(form)],
          files: fileKeys(version),
          result: undefined,
        };
      },
      // A revision is made on the version the drafter saw: it is never taken again on a newer one.
      attempts: 1,
      lost: async () => {
        await this.mustStillBeActive(form);
        return this.savedFirst(id, next);
      },
    });
    return agreement;
  }

  private unitActive(form: AgreementForm): ChangeItem {
    return { kind: 'unit-active', regionId: this.deps.region.regionId, code: form.initiatingUnit.code };
  }

  /** A write refused because the unit was deactivated meanwhile is the drafter's 400, not a race. */
  private async mustStillBeActive(form: AgreementForm): Promise<void> {
    const code = form.initiatingUnit.code;
    mustBeActive(code, await this.deps.region.units.get(this.deps.region.regionId, code));
  }

  /** The 409 for a revision that lost: who changed the draft first (a double click: the same user). */
  private async savedFirst(id: string, version: number): Promise<ConflictError> {
    const last = await this.deps.events.lastEvent(id);
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

  /** The template a revision is composed with: the current version's, or the one in force. */
  private async templateOf(current: Agreement, templateVersion: 'latest' | undefined): Promise<Template> {
    if (templateVersion === 'latest') return this.deps.templates.active(current.documentType);
    const version = await this.deps.agreements.getVersion(current.id, current.currentVersion);
    if (!version) throw new ConflictError(`Version ${current.currentVersion} is missing`);
    return this.deps.templates.version(current.documentType, version.templateVersion);
  }

  /** Renders version `n` with `template` and stores its files under this attempt's keys. */
  private async render(
    id: string,
    n: number,
    { form, regionEmblem }: CompletedForm,
    template: Template,
    at: string,
    user: Identity,
    documentNumber?: string,
  ): Promise<AgreementVersion> {
    const parent = await this.parentTitle(form, user);
    const context = parent ? { parent } : {};
    checkNegotiated(form, template, context);
    const rendered = await renderStored(this.deps, {
      id,
      n,
      form,
      template,
      at,
      parent,
      regionEmblem,
      documentNumber,
    });
    return {
      agreementId: id,
      version: n,
      form,
      templateId: rendered.templateId,
      templateVersion: rendered.templateVersion,
      deviations: deviationsOf(form, template, context),
      pageCount: rendered.pageCount,
      signatureBoxes: rendered.signatureBoxes,
      files: rendered.files,
      ...(regionEmblem && { regionEmblem }),
      ...(documentNumber ? { documentNumber } : {}),
      createdAt: at,
    };
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
    const found = isId(parentId) ? await this.deps.agreements.get(parentId) : undefined;
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
    return parentTitleOf(this.deps.templates, parent, form);
  }
}

/** How a document names the LoI or MoU it follows, in its languages. */
export async function parentTitleOf(
  templates: TemplateCatalog,
  parent: Agreement,
  form: AgreementForm,
): Promise<{ id: string; en?: string }> {
  const { name } = await templates.active(parent.documentType);
  const title: { id: string; en?: string } = { id: `${name.id} tentang ${parent.title.id}` };
  if (form.languages.includes('en'))
    title.en = `the ${name.en ?? name.id} on ${parent.title.en ?? parent.title.id}`;
  return title;
}

/** The form as printed once the register number is assigned: the region's party (the first) carries it. */
export function withRegisterNumber(form: AgreementForm, documentNumber: string | undefined): AgreementForm {
  const [region, ...others] = form.parties;
  if (!documentNumber || !region) return form;
  return { ...form, parties: [{ ...region, documentNumber }, ...others] };
}

/**
 * Renders `form` as version `n` of agreement `id` with `template` (the register number, once there
 * is one, printed in the region's number line and the footer), and stores PDF and DOCX under keys of
 * this attempt.
 */
export async function renderStored(
  deps: Pick<DraftingDeps, 'files'>,
  input: {
    id: string;
    n: number;
    form: AgreementForm;
    /** The version's own template: the one in force when drafted, or the one a revision moved to. */
    template: Template;
    at: string;
    parent?: { id: string; en?: string } | undefined;
    /** The region's emblem the version prints for the first party. */
    regionEmblem?: CompletedForm['regionEmblem'];
    documentNumber?: string | undefined;
  },
) {
  const { id, n, at, parent } = input;
  const form = withRegisterNumber(input.form, input.documentNumber);
  const [emblems, { renderAgreement }] = await Promise.all([
    regionEmblemContext(deps.files, input.regionEmblem),
    import('../documents/render.js'),
  ]);
  const rendered = await renderAgreement(form, input.template, {
    documentNumber: footerNumber(form, id, n),
    issuedAt: at,
    ...(parent && { parent }),
    ...emblems,
  });
  const attempt = attemptId();
  const pdf = describe(fileKey(id, n, attempt, 'pdf', form.documentType), PDF, rendered.pdf);
  const docx = describe(fileKey(id, n, attempt, 'docx', form.documentType), DOCX, rendered.docx);
  await committing(deps.files, [pdf.key, docx.key], () =>
    Promise.all([deps.files.put(pdf.key, rendered.pdf, PDF), deps.files.put(docx.key, rendered.docx, DOCX)]),
  );
  return {
    templateId: rendered.document.templateId,
    templateVersion: rendered.document.templateVersion,
    pageCount: rendered.pageCount,
    signatureBoxes: rendered.signatureBoxes,
    files: { pdf, docx },
  };
}

const describe = (key: string, contentType: string, bytes: Uint8Array): StoredFile => ({
  key,
  contentType,
  size: bytes.byteLength,
  sha256: sha256(bytes),
});

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

/**
 * A new version: by the initiating OPD's drafter while it is a draft or changes were requested, or by
 * the Biro while it is under review (the Biro edits the wording as it reviews); of the same unit and type.
 */
function mustRevise(current: Agreement, form: AgreementForm, user: Identity): void {
  if (BIRO_ROLES.includes(user.role)) {
    if (current.status !== 'in_review') {
      throw new ConflictError(
        say(
          `Biro dapat mengubah draf hanya selama ditelaah; draf ini berstatus ${current.status}`,
          `The Biro may revise a draft only while it is under review; this one is ${current.status}`,
        ),
        { status: current.status },
      );
    }
  } else {
    mustDraftFor(user, current.initiatingUnit.code);
    if (!REVISABLE_STATUSES.includes(current.status)) {
      throw new ConflictError(
        `Agreement ${current.id} is ${current.status}; a new version can be submitted only while it is a draft or changes were requested (under review, by the Biro)`,
        { status: current.status },
      );
    }
  }
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
}
