import { mustSee } from '../agreement/queries.js';
import { type ChangeDeps, recordChange } from '../agreement/record-change.js';
import { parse } from '../form/parse.js';
import { type Identity, isUnitRole } from '../identity/identity.js';
import type { Agreements } from '../ports/agreements.js';
import type { Archive } from '../ports/archive.js';
import type { FileStore } from '../ports/files.js';
import { actorOf } from '../workflow/audit.js';
import type { ArchiveRecord } from './archive-record.js';
import { archiveRecordOf } from './public-view.js';
import { archiveQuerySchema, planArchiveSearch } from './search.js';

/** The followers an archive record lists itself; the search pages through the rest. */
const CHILDREN_PAGE = 20;

/** Archived copies are downloaded through links that live five minutes. */
export const DOWNLOAD_TTL_SECONDS = 300;
/** Concurrent writes to one agreement a download is recorded after, at most. */
const DOWNLOAD_ATTEMPTS = 5;

export interface ArchiveDeps extends ChangeDeps {
  agreements: Agreements;
  archive: Archive;
  /** Made when a download is asked for: only that handler is configured with the archive bucket. */
  archiveFiles: () => FileStore;
}

/** Search, retrieval and audited download of archived agreements. */
export class ArchiveService {
  constructor(private readonly deps: ArchiveDeps) {}

  async search(query: unknown, user: Identity) {
    const q = parse(archiveQuerySchema, query);
    // OPD users search their own unit's archive only.
    if (isUnitRole(user.role)) q.unit = user.unit;
    const today = this.deps.clock.now().toISOString().slice(0, 10);
    return this.deps.archive.searchArchive(planArchiveSearch(q, today));
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
    await recordChange(this.deps, {
      load: () => mustSee(this.deps.agreements, id),
      decide: async (agreement) => ({
        after: agreement,
        event: { actor: actorOf(user), action: 'download', documentSha256: record.file.sha256 },
        readOnly: true,
        result: undefined,
      }),
      attempts: DOWNLOAD_ATTEMPTS,
    });
    const name = `${record.documentType.toLowerCase()}-${id}-signed.pdf`;
    const url = await this.deps.archiveFiles().downloadUrl(record.file.key, name, DOWNLOAD_TTL_SECONDS);
    return { url, expiresInSeconds: DOWNLOAD_TTL_SECONDS, sha256: record.file.sha256 };
  }

  /** The record, once `user` may see the agreement. */
  private async record(id: string, user: Identity): Promise<ArchiveRecord> {
    await mustSee(this.deps.agreements, id, user);
    return archiveRecordOf(this.deps.archive, id);
  }
}
