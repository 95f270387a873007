import { ulid } from 'ulid';
import * as z from 'zod';
import { type AdminDeps, recordAdminChange } from '../admin/record-admin-change.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { DOCUMENT_TYPES, type DocumentType } from '../form/agreement-form.js';
import { say } from '../form/messages.js';
import { parse } from '../form/parse.js';
import type { Identity, Role } from '../identity/identity.js';
import { isId } from '../ids.js';
import type { Clock } from '../ports/clock.js';
import type { FileStore } from '../ports/files.js';
import type {
  ActiveTemplate,
  TemplateActor,
  TemplateCandidate,
  TemplateCatalog,
  TemplateReport,
  TemplateStore,
} from '../ports/templates.js';
import type { UploadForms } from '../ports/upload-forms.js';
import { uploadTicket } from '../upload-ticket.js';
import {
  type CheckOutcome,
  candidateOfKey,
  fileProblem,
  MAX_TEMPLATE_BYTES,
  settle,
  templateUploadKey,
} from './candidates.js';
import { diffTemplates } from './template-diff.js';

export interface LibraryDeps {
  store: TemplateStore;
  catalog: TemplateCatalog;
  forms: UploadForms;
  /** The documents bucket: the samples rendered from each candidate. */
  files: FileStore;
  clock: Clock;
  admin: AdminDeps;
  regionId: string;
  /** Read when an upload is requested: only that handler is configured with the bucket. */
  incomingBucket: () => string;
}

const CONTENT_TYPE = 'application/yaml';
/** Links to the samples live as long as the other download links. */
const LINK_SECONDS = 300;

/** Biro heads and admins upload and activate; the Biro's staff read the library too. */
const MANAGERS: readonly Role[] = ['biro_head', 'admin'];
const READERS: readonly Role[] = ['biro_staff', 'biro_head', 'admin'];

const listQuerySchema = z.object({
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const actor = (user: Identity): TemplateActor => ({ sub: user.sub, name: user.name, role: user.role });

/**
 * The Biro's template library: a Biro head or admin uploads a template file through a presigned
 * form; its ObjectCreated event checks it into a candidate (TemplateChecks); another Biro head or
 * admin activates a valid one as the next version of its document type (four eyes), recorded in the
 * administration log. New drafts take the version in force; drafted versions keep theirs.
 */
export class TemplateLibrary {
  constructor(private readonly deps: LibraryDeps) {}

  /** POST /api/templates/uploads: a pending candidate and the presigned form its file goes up with. */
  async requestUpload(user: Identity) {
    mustBe(MANAGERS, user, say('mengunggah templat', 'upload a template'));
    const candidateId = ulid();
    const now = this.deps.clock.now();
    const candidate: TemplateCandidate = {
      candidateId,
      status: 'pending',
      bucket: this.deps.incomingBucket(),
      key: templateUploadKey(candidateId),
      uploadedBy: actor(user),
      uploadedAt: now.toISOString(),
    };
    await this.deps.store.putCandidate(candidate);
    // S3 itself refuses another key, an empty file or one over the limit.
    const ticket = await uploadTicket(
      (binding) => this.deps.forms.post(candidate.bucket, binding),
      { key: candidate.key, contentType: CONTENT_TYPE, minBytes: 1, maxBytes: MAX_TEMPLATE_BYTES },
      now,
    );
    return { candidateId, ...ticket };
  }

  /** The dead-letter queue's verdict on a file that could not be checked after every retry. */
  async failed(key: string, reason: string): Promise<CheckOutcome> {
    const candidateId = candidateOfKey(key);
    if (!candidateId) return { outcome: 'ignored', reason: `not a template upload: ${key}` };
    return settle(this.deps, candidateId, [], {
      status: 'refused',
      checkedAt: this.deps.clock.now().toISOString(),
      report: { problems: [fileProblem(say(reason, reason))], samples: [] },
    });
  }

  /** GET /api/templates: the version in force of each type, and the candidates newest first. */
  async list(user: Identity, query: unknown) {
    mustBe(READERS, user, say('melihat pustaka templat', 'read the template library'));
    const { cursor, limit } = parse(listQuerySchema, query);
    const [stored, page] = await Promise.all([
      this.deps.store.activeVersions(),
      this.deps.store.listCandidates(limit, cursor),
    ]);
    const active = DOCUMENT_TYPES.map(
      (documentType): ActiveTemplate | { documentType: DocumentType; version: 1; builtIn: true } =>
        stored.find((a) => a.documentType === documentType) ?? { documentType, version: 1, builtIn: true },
    );
    return {
      active,
      candidates: page.items.map(({ bucket: _b, key: _k, ...visible }) => visible),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /** GET /api/templates/candidates/{id}: status and report, with the clause diff and links to the samples. */
  async candidate(candidateId: string, user: Identity) {
    mustBe(READERS, user, say('melihat pustaka templat', 'read the template library'));
    const candidate = await this.mustFind(candidateId);
    const { bucket: _b, key: _k, template, report, ...visible } = candidate;
    const diff =
      template && candidate.documentType && candidate.basedOn !== undefined
        ? diffTemplates(await this.deps.catalog.version(candidate.documentType, candidate.basedOn), template)
        : [];
    return { ...visible, report: await this.withLinks(report, candidateId), diff };
  }

  private async withLinks(report: TemplateReport | undefined, candidateId: string) {
    if (!report) return { problems: [], samples: [] };
    const link = (key: string, inline = false) =>
      this.deps.files.downloadUrl(key, key.split('/').pop() ?? candidateId, LINK_SECONDS, { inline });
    // The sample PDF opens in the browser's own viewer: a preview of the template with sample data.
    const samples = await Promise.all(
      report.samples.map(async (s) => ({
        ...s,
        links: { pdf: await link(s.pdf.key, true), docx: await link(s.docx.key) },
      })),
    );
    return { ...report, samples };
  }

  /**
   * POST /api/templates/candidates/{id}/activate: a valid candidate becomes the next version of its
   * type, by a Biro head or admin other than its uploader, only while the version it was checked
   * against is still in force; recorded in the administration log, so two activations cannot both win.
   */
  async activate(candidateId: string, user: Identity) {
    mustBe(MANAGERS, user, say('mengaktifkan templat', 'activate a template'));
    await this.mustFind(candidateId);
    return recordAdminChange(this.deps.admin, {
      regionId: this.deps.regionId,
      actor: user,
      decide: async (at) => {
        const candidate = await this.mustFind(candidateId);
        if (candidate.uploadedBy.sub === user.sub) {
          throw new ForbiddenError(
            say(
              'Templat yang Anda unggah diaktifkan oleh Kepala Biro atau admin lain (empat mata)',
              'A template you uploaded is activated by another Biro head or admin (four eyes)',
            ),
            { uploadedBy: candidate.uploadedBy.name },
          );
        }
        const { template, documentType } = candidate;
        if (candidate.status === 'active') {
          throw new ConflictError(
            say(
              `Templat ini sudah aktif sebagai versi ${candidate.version} (oleh ${candidate.activatedBy?.name} pada ${candidate.activatedAt})`,
              `This template is active already as version ${candidate.version} (by ${candidate.activatedBy?.name} at ${candidate.activatedAt})`,
            ),
            {
              version: candidate.version,
              activatedBy: candidate.activatedBy,
              activatedAt: candidate.activatedAt,
            },
          );
        }
        if (candidate.status !== 'valid' || !template || !documentType) {
          throw new ConflictError(
            say(
              `Hanya templat yang lolos pemeriksaan yang dapat diaktifkan; templat ini ${candidate.status === 'pending' ? 'masih diperiksa' : 'ditolak'}`,
              `Only a template that passed its check can be activated; this one is ${candidate.status}`,
            ),
            { status: candidate.status },
          );
        }
        const inForce = await this.deps.catalog.active(documentType);
        if (inForce.version !== candidate.basedOn) {
          throw new ConflictError(
            say(
              `Versi ${inForce.version} ${documentType} diaktifkan setelah templat ini diperiksa terhadap versi ${candidate.basedOn}: unggah kembali agar diperiksa terhadap versi yang berlaku`,
              `Version ${inForce.version} of the ${documentType} template was activated after this one was checked against version ${candidate.basedOn}: upload it again to check it against the version in force`,
            ),
            { inForce: inForce.version, basedOn: candidate.basedOn },
          );
        }
        const activation: ActiveTemplate = {
          documentType,
          version: inForce.version + 1,
          candidateId,
          activatedAt: at,
          activatedBy: actor(user),
          uploadedBy: candidate.uploadedBy,
        };
        return {
          action: 'template.activate',
          target: { kind: 'template', id: `${documentType}/v${activation.version}` },
          before: { documentType, version: inForce.version },
          after: { documentType, version: activation.version, candidateId, sha256: candidate.sha256 },
          writes: this.deps.store.activationWrites({ ...candidate, template, documentType }, activation),
          result: activation,
        };
      },
    });
  }

  private async mustFind(candidateId: string): Promise<TemplateCandidate> {
    const candidate = isId(candidateId) ? await this.deps.store.getCandidate(candidateId) : undefined;
    if (!candidate) throw new NotFoundError(`Template candidate ${candidateId}`);
    return candidate;
  }
}

function mustBe(roles: readonly Role[], user: Identity, what: { id: string; en: string }) {
  if (!roles.includes(user.role)) {
    throw new ForbiddenError(
      say(`Hanya ${roles.join(', ')} yang dapat ${what.id}`, `Only ${roles.join(', ')} may ${what.en}`),
      { allowedRoles: roles },
    );
  }
}
