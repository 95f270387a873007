import * as z from 'zod';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { CATEGORIES, DOCUMENT_TYPES, UNIT_CODE } from '../form/agreement-form.js';
import { say, toIssues } from '../form/messages.js';
import { canSeeUnit, type Identity, isUnitRole } from '../identity/identity.js';
import { pageFields } from '../paging.js';
import type { AgreementStore, FileStore, Page } from '../ports.js';
import { AGREEMENT_STATUSES, type Agreement, type AgreementVersion, agreementIdSchema } from './agreement.js';

/** Download links live five minutes: long enough to click, too short to share usefully. */
export const LINK_TTL_SECONDS = 300;

export const listQuerySchema = z.object({
  status: z.enum(AGREEMENT_STATUSES).optional(),
  documentType: z.enum(DOCUMENT_TYPES).optional(),
  category: z.enum(CATEGORIES).optional(),
  unit: z.string().regex(UNIT_CODE).optional(),
  ...pageFields(),
});

export type ListQuery = z.infer<typeof listQuerySchema>;

export interface Links {
  pdf: string;
  docx: string;
}

export interface VersionView {
  version: number;
  createdAt: string;
  templateId: string;
  templateVersion: number;
  pageCount: number;
  sha256: { pdf: string; docx: string };
  links: Links;
}

export interface AgreementView extends Agreement {
  form: AgreementVersion['form'];
  links: Links;
  versions: VersionView[];
}

export class AgreementQueries {
  constructor(private readonly deps: { store: AgreementStore; files: FileStore }) {}

  async links(version: AgreementVersion): Promise<Links> {
    const name = (key: string) => key.slice(key.lastIndexOf('/') + 1);
    const { pdf, docx } = version.files;
    const [pdfUrl, docxUrl] = await Promise.all([
      this.deps.files.downloadUrl(pdf.key, name(pdf.key), LINK_TTL_SECONDS),
      this.deps.files.downloadUrl(docx.key, name(docx.key), LINK_TTL_SECONDS),
    ]);
    return { pdf: pdfUrl, docx: docxUrl };
  }

  /** The agreement if it exists and `user` may see it; another OPD's agreement is "not found". */
  async mustSee(id: string, user: Identity): Promise<Agreement> {
    const agreement = agreementIdSchema.safeParse(id).success ? await this.deps.store.get(id) : undefined;
    if (!agreement || !canSeeUnit(user, agreement.initiatingUnit.code))
      throw new NotFoundError(`Agreement ${id}`);
    return agreement;
  }

  async get(id: string, user: Identity): Promise<AgreementView> {
    // Authorise before reading anything else of the agreement.
    const agreement = await this.mustSee(id, user);
    const versions = await this.deps.store.listVersions(id);
    const current = versions.find((v) => v.version === agreement.currentVersion);
    if (!current) throw new NotFoundError(`Agreement ${id}`);
    const views = await Promise.all(versions.map((v) => this.view(v)));
    const links = views[versions.indexOf(current)]?.links as Links;
    return { ...agreement, form: current.form, links, versions: views };
  }

  private async view(v: AgreementVersion): Promise<VersionView> {
    return {
      version: v.version,
      createdAt: v.createdAt,
      templateId: v.templateId,
      templateVersion: v.templateVersion,
      pageCount: v.pageCount,
      sha256: { pdf: v.files.pdf.sha256, docx: v.files.docx.sha256 },
      links: await this.links(v),
    };
  }

  /** Lists what `user` may see: OPD roles only their own unit's agreements. */
  async list(query: unknown, user: Identity): Promise<Page<Agreement>> {
    const parsed = listQuerySchema.safeParse(query, { reportInput: true });
    if (!parsed.success) throw new ValidationError(toIssues(parsed.error));
    const { cursor, limit, ...filter } = parsed.data;
    if (isUnitRole(user.role)) {
      if (filter.unit && filter.unit !== user.unit) {
        throw new ForbiddenError(
          say(
            `Anda hanya dapat melihat kerja sama ${user.unit}`,
            `You may only see the agreements of ${user.unit}`,
          ),
        );
      }
      filter.unit = user.unit;
    }
    return this.deps.store.list(filter, limit, cursor);
  }
}
