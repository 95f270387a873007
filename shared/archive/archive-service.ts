import type { Agreement } from '../agreement/agreement.js';
import { AgreementQueries } from '../agreement/queries.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { toIssues } from '../form/messages.js';
import { type Identity, isUnitRole } from '../identity/identity.js';
import type { AgreementStore, ArchiveStore, Clock, FileStore } from '../ports.js';
import { actorOf, seal } from '../workflow/audit.js';
import { RaceLostError } from '../workflow/race.js';
import type { ArchiveRecord } from './archive-record.js';
import { archiveQuerySchema, planArchiveSearch } from './search.js';

/** The followers an archive record lists itself; the search pages through the rest. */
const CHILDREN_PAGE = 20;

/** Archived copies are downloaded through links that live five minutes. */
export const DOWNLOAD_TTL_SECONDS = 300;

export interface ArchiveDeps {
  store: AgreementStore;
  archive: ArchiveStore;
  /** The documents bucket (for the agreement queries) and the archive bucket. */
  files: FileStore;
  /** Made when a download is asked for: only that handler is configured with the archive bucket. */
  archiveFiles: () => FileStore;
  clock: Clock;
}

/** Search, retrieval, audited download and public verification of archived agreements. */
export class ArchiveService {
  private readonly queries: AgreementQueries;

  constructor(private readonly deps: ArchiveDeps) {
    this.queries = new AgreementQueries(deps);
  }

  async search(query: unknown, user: Identity) {
    const parsed = archiveQuerySchema.safeParse(query, { reportInput: true });
    if (!parsed.success) throw new ValidationError(toIssues(parsed.error));
    const q = parsed.data;
    // OPD users search their own unit's archive only.
    if (isUnitRole(user.role)) q.unit = user.unit;
    const today = this.deps.clock.now().toISOString().slice(0, 10);
    return this.deps.archive.searchArchive(planArchiveSearch(q, today));
  }

  private async record(id: string, user?: Identity): Promise<ArchiveRecord> {
    if (user) await this.queries.mustSee(id, user);
    const record = /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) ? await this.deps.archive.getArchive(id) : undefined;
    if (!record) throw new NotFoundError(`Archived agreement ${id}`);
    return record;
  }

  /**
   * The record with its chain: the LoI or MoU it follows, and the first page of what follows it (the
   * rest through `GET /api/archive?parent=<id>&cursor=<childrenNextCursor>`), OPDs only their own.
   */
  async get(id: string, user: Identity) {
    const record = await this.record(id, user);
    const [followers, parent] = await Promise.all([
      this.search({ parent: id, limit: CHILDREN_PAGE }, user),
      record.parentId ? this.deps.archive.getArchive(record.parentId) : undefined,
    ]);
    return {
      ...record,
      parent: parent
        ? { agreementId: parent.agreementId, documentType: parent.documentType, title: parent.title }
        : null,
      children: followers.items.map((c) => ({
        agreementId: c.agreementId,
        documentType: c.documentType,
        title: c.title,
      })),
      ...(followers.nextCursor ? { childrenNextCursor: followers.nextCursor } : {}),
    };
  }

  /** A short-lived link to the archived PDF; the download is recorded in the audit trail first. */
  async download(
    id: string,
    user: Identity,
  ): Promise<{ url: string; expiresInSeconds: number; sha256: string }> {
    const record = await this.record(id, user);
    for (let attempt = 1; ; attempt++) {
      const agreement = (await this.deps.store.get(id)) as Agreement;
      const at = this.deps.clock.now().toISOString();
      const event = seal(
        {
          agreementId: id,
          at,
          actor: actorOf(user),
          action: 'download',
          version: agreement.currentVersion,
          documentSha256: record.file.sha256,
          fromStatus: agreement.status,
          toStatus: agreement.status,
        },
        agreement.lastEvent,
      );
      try {
        await this.deps.archive.appendEvent(
          { ...agreement, lastEvent: { seq: event.seq, hash: event.hash } },
          event,
          agreement,
        );
        break;
      } catch (error) {
        if (!(error instanceof RaceLostError) || attempt >= 5) throw error;
      }
    }
    const name = `${record.documentType.toLowerCase()}-${id}-signed.pdf`;
    const url = await this.deps.archiveFiles().downloadUrl(record.file.key, name, DOWNLOAD_TTL_SECONDS);
    return { url, expiresInSeconds: DOWNLOAD_TTL_SECONDS, sha256: record.file.sha256 };
  }

  /** Public: what anyone holding the QR code may learn about an archived agreement. */
  async publicView(id: string) {
    const r = await this.record(id);
    return {
      agreementId: r.agreementId,
      documentType: r.documentType,
      category: r.category,
      title: r.title,
      parties: r.parties,
      signedAt: r.signedAt,
      validFrom: r.validFrom,
      validUntil: r.validUntil ?? null,
      sha256: r.file.sha256,
      signatures: r.signatures,
    };
  }
}
