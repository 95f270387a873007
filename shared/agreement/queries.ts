import * as z from 'zod';
import { regionDay } from '../calendar.js';
import type { Delegation } from '../delegation/delegation.js';
import type { Deviation } from '../documents/negotiation.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { CATEGORIES, DOCUMENT_TYPES, UNIT_CODE } from '../form/agreement-form.js';
import { say } from '../form/messages.js';
import { pageQuerySchema } from '../form/paging.js';
import { parse } from '../form/parse.js';
import { canSeeUnit, type Identity, isUnitRole } from '../identity/identity.js';
import { isId } from '../ids.js';
import type { Agreements } from '../ports/agreements.js';
import type { Clock } from '../ports/clock.js';
import type { Delegations } from '../ports/delegations.js';
import type { FileStore } from '../ports/files.js';
import type { Page } from '../ports/page.js';
import type { Agreement, AgreementVersion } from './agreement.js';
import { AGREEMENT_STATUSES } from './status.js';

/** Download links live five minutes: long enough to click, too short to share usefully. */
export const LINK_TTL_SECONDS = 300;

export const listQuerySchema = pageQuerySchema.extend({
  status: z.enum(AGREEMENT_STATUSES).optional(),
  documentType: z.enum(DOCUMENT_TYPES).optional(),
  category: z.enum(CATEGORIES).optional(),
  unit: z.string().regex(UNIT_CODE).optional(),
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
  /** How its wording departs from that template version, article by article. */
  deviations: Deviation[];
  pageCount: number;
  /** The agreement's register number, once assigned. */
  documentNumber?: string;
  /** The version's files: for the version that took the number, as rendered again with it. */
  sha256: { pdf: string; docx: string };
  links: Links;
  /** The version that took the number: its files as drafted, before the number was printed in them. */
  drafted?: { sha256: { pdf: string; docx: string } };
}

export interface AgreementView extends Agreement {
  form: AgreementVersion['form'];
  /** The delegations in force today under which the caller may act for an office (Plt., Plh., a.n.). */
  acting?: Delegation[];
  /** The current version's files and, once the region has signed, the signed PDF. */
  links: Links & { signed?: string };
  versions: VersionView[];
}

/**
 * The agreement if it exists and `user` may see it (without a user: if it exists). Another OPD's
 * agreement is "not found": its existence is not theirs to know.
 */
export async function mustSee(agreements: Agreements, id: string, user?: Identity): Promise<Agreement> {
  const agreement = isId(id) ? await agreements.get(id) : undefined;
  if (!agreement || (user && !canSeeUnit(user, agreement.initiatingUnit.code)))
    throw new NotFoundError(`Agreement ${id}`);
  return agreement;
}

export interface QueryDeps {
  agreements: Agreements;
  files: FileStore;
  delegations: Pick<Delegations, 'inForce'>;
  regionId: string;
  clock: Clock;
}

export class AgreementQueries {
  constructor(private readonly deps: QueryDeps) {}

  async links(files: AgreementVersion['files']): Promise<Links> {
    const name = (key: string) => key.slice(key.lastIndexOf('/') + 1);
    const { pdf, docx } = files;
    const [pdfUrl, docxUrl] = await Promise.all([
      this.deps.files.downloadUrl(pdf.key, name(pdf.key), LINK_TTL_SECONDS),
      this.deps.files.downloadUrl(docx.key, name(docx.key), LINK_TTL_SECONDS),
    ]);
    return { pdf: pdfUrl, docx: docxUrl };
  }

  /** A short-lived link to the PDF as the region signed it, once it has; for whoever may see the agreement. */
  async signedLink(agreement: Agreement): Promise<string | undefined> {
    const signed = agreement.signedDocument;
    if (!signed) return undefined;
    const name = signed.key.slice(signed.key.lastIndexOf('/') + 1);
    const filename = `${agreement.documentType.toLowerCase()}-${agreement.id}-signed-${name}`;
    return this.deps.files.downloadUrl(signed.key, filename, LINK_TTL_SECONDS);
  }

  async get(id: string, user: Identity): Promise<AgreementView> {
    // Authorise before reading anything else of the agreement.
    const agreement = await mustSee(this.deps.agreements, id, user);
    const versions = await this.deps.agreements.listVersions(id);
    const current = versions.find((v) => v.version === agreement.currentVersion);
    if (!current) throw new NotFoundError(`Agreement ${id}`);
    const [views, signed, inForce] = await Promise.all([
      Promise.all(versions.map((v) => this.view(agreement, v))),
      this.signedLink(agreement),
      this.deps.delegations.inForce(this.deps.regionId, regionDay(this.deps.clock.now())),
    ]);
    const links = views[versions.indexOf(current)]?.links as Links;
    const acting = inForce.filter((d) => d.delegate.id === user.sub);
    return {
      ...agreement,
      form: current.form,
      ...(acting.length ? { acting } : {}),
      links: { ...links, ...(signed ? { signed } : {}) },
      versions: views,
    };
  }

  private async view(agreement: Agreement, v: AgreementVersion): Promise<VersionView> {
    const numbered = agreement.numbered?.version === v.version ? agreement.numbered : undefined;
    const files = numbered ? { pdf: numbered.pdf, docx: numbered.docx } : v.files;
    const hashes = (f: AgreementVersion['files']) => ({ pdf: f.pdf.sha256, docx: f.docx.sha256 });
    return {
      version: v.version,
      createdAt: v.createdAt,
      templateId: v.templateId,
      templateVersion: v.templateVersion,
      deviations: v.deviations ?? [],
      pageCount: numbered?.pageCount ?? v.pageCount,
      ...(agreement.documentNumber ? { documentNumber: agreement.documentNumber } : {}),
      sha256: hashes(files),
      links: await this.links(files),
      ...(numbered ? { drafted: { sha256: hashes(v.files) } } : {}),
    };
  }

  /** Lists what `user` may see: OPD roles only their own unit's agreements. */
  async list(query: unknown, user: Identity): Promise<Page<Agreement>> {
    const { cursor, limit, ...filter } = parse(listQuerySchema, query);
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
    return this.deps.agreements.list(filter, limit, cursor);
  }
}
