import type { Agreement, StoredFile } from '../../agreement/agreement.js';
import type { ArchiveRecord } from '../../archive/archive-record.js';
import type { ActivityReport } from '../../evaluation/activity-report.js';
import { type Dimension, shardOf } from '../../evaluation/counters.js';
import type { ListEntry, ListSlot } from '../../evaluation/lists.js';
import type { Category, DocumentType } from '../../form/agreement-form.js';
import type { Role } from '../../identity/identity.js';
import type { ArchiveSummary } from '../../ports/archive.js';
import type { OutboxMessage } from '../../ports/outbox.js';
import type { Item } from './table.js';

/**
 * The single table's keys and item shapes, the one place that knows them (README, "Storage"):
 *   AGR#<id> / AGREEMENT                    the agreement head, carrying the list-index keys
 *   AGR#<id> / VERSION#0001                 each immutable version (form, template, files)
 *   AGR#<id> / EVENT#000001                 the hash-chained audit trail, never updated
 *   AGR#<id> / INBOX#<step>                 an open step, indexed by role (and unit) in `inbox`
 *   AGR#<id> / ARCHIVE                      the archive record (one per agreement)
 *   AGR#<id> / FACET#<facet>                a search entry in the `archive` index
 *   AGR#<id> / EVAL#<slot>                  an entry in an evaluation list (`evaluation` index)
 *   AGR#<id> / ACTIVITY#<from>#<reportId>   an activity report, in `evaluation` under REPORTS#<year>#<shard>
 *   AGR#<id> / NUMBERING                    which request is assigning the agreement's register number
 *   HASH#<sha256> / ARCHIVE                 which agreement a file belongs to, and which `copy` it is
 *                                           (uploaded, archived, renewed)
 *   UPLOAD#<uploadId> / UPLOAD              an upload and the ingestion's verdict
 *   ROUTE#<type>#<category> / ROUTE         a route changed by an admin (absent: the default)
 *   SIGNATORY#<sub> / KEY                   cloud only: a signatory's KMS key id and certificate
 *   OUTBOX / <time>#<id>                    notifications written with the change that caused them
 *   IDEMPOTENCY#<sub>#<key> / IDEMPOTENCY   which agreement that user's create with that key made
 *   ANCHOR#<shard> / <id>                   an agreement whose chain grew since it was last anchored
 *   COUNTERS / <dimension>#<shard>          the dashboard's counters, `value#status` attributes
 *   REPORTS / <period>#<generatedAt>        a generated periodic report
 *   DELEGATION#<region> / <id>              someone acting for an office (Plt., Plh., a.n.) for a period
 *   REGISTER#<region> / FORMAT#<type>       a number format an admin configured
 *   REGISTER#<region> / COUNTER#<year>      the year's last sequence taken (`last`, only ever ADDed to)
 *   REGISTER#<region>#<year> / SEQ#000001   an entry of the register book
 * The daily job reads the `schedule` index: heads with a lifecycle due, inbox entries due, archive
 * records whose seal is due for renewal (RENEWAL).
 */
export const agreementPk = (id: string) => `AGR#${id}`;
export const HEAD = 'AGREEMENT';
export const ARCHIVE = 'ARCHIVE';
export const eventSk = (seq: number) => `EVENT#${String(seq).padStart(6, '0')}`;
export const versionSk = (n: number) => `VERSION#${String(n).padStart(4, '0')}`;
export const inboxSk = (stepId: string) => `INBOX#${stepId}`;
export const listSk = (slot: ListSlot) => `EVAL#${slot}`;
export const activitySk = (r: ActivityReport) => `ACTIVITY#${r.period.from}#${r.reportId}`;
export const idempotencyPk = (key: string) => `IDEMPOTENCY#${key}`;
export const routePk = (type: DocumentType, category: Category) => `ROUTE#${type}#${category}`;
export const uploadItemKey = (uploadId: string) => ({ pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' });
export const verificationReportKey = (reportId: string) => ({ pk: `VERIFICATION#${reportId}`, sk: 'REPORT' });
export const signatoryKey = (sub: string) => ({ pk: `SIGNATORY#${sub}`, sk: 'KEY' });
export const hashPk = (sha256: string) => `HASH#${sha256}`;
/** The `schedule` index's partition of archive records, by the day their seal is renewed. */
export const RENEWAL = 'RENEWAL';
export const renewalSort = (renewBy: string, id: string) => `${renewBy}#${id}`;
/** A file as the archive record names it, without what its copy adds. */
export const storedFile = ({ key, contentType, size, sha256 }: StoredFile): StoredFile => ({
  key,
  contentType,
  size,
  sha256,
});
export const inboxKey = (role: Role, unit?: string) => (unit ? `ROLE#${role}#UNIT#${unit}` : `ROLE#${role}`);
export const OUTBOX = 'OUTBOX';
export const REPORTS = 'REPORTS';
/** All counters in one partition, so that the summary is one Query; shards are separate items. */
export const COUNTERS = 'COUNTERS';
export const counterKey = (shard: number, dimension: Dimension) => ({
  pk: COUNTERS,
  sk: `${dimension}#${shard}`,
});
/**
 * Heads whose chain grew since the daily job last anchored them, spread over the counters' shards;
 * each agreement is one item, overwritten by every head write, so writers never contend on it.
 */
export const movedHeadKey = (id: string) => ({ pk: `ANCHOR#${shardOf(id)}`, sk: id });
export const registerPk = (regionId: string) => `REGISTER#${regionId}`;
export const registerEntryKey = (regionId: string, year: number, sequence: number) => ({
  pk: `REGISTER#${regionId}#${year}`,
  sk: `SEQ#${String(sequence).padStart(6, '0')}`,
});

/** Activity reports are spread over shards per year so that the periodic report reads them in parallel. */
export const reportsKey = (year: string, shard: number) => `REPORTS#${year}#${shard}`;

export function headItem(a: Agreement): Item {
  return {
    pk: agreementPk(a.id),
    sk: HEAD,
    ...a,
    listKey: `${a.createdAt}#${a.id}`,
    unitKey: `UNIT#${a.initiatingUnit.code}`,
    statusKey: `STATUS#${a.status}`,
    typeKey: `TYPE#${a.documentType}`,
    allKey: 'AGREEMENT',
    // The daily job finds agreements with something due through the sparse `schedule` index.
    ...(a.lifecycle?.nextDue
      ? { scheduleKey: 'LIFECYCLE', scheduleSort: `${a.lifecycle.nextDue}#${a.id}` }
      : {}),
  };
}

/** What a search result and an evaluation list show of an archived agreement. */
export function archiveSummary(record: ArchiveRecord): ArchiveSummary {
  return {
    agreementId: record.agreementId,
    title: record.title,
    documentType: record.documentType,
    category: record.category,
    parties: record.parties,
    countries: record.countries,
    fields: record.fields,
    signedAt: record.signedAt,
    validFrom: record.validFrom,
    ...(record.validUntil ? { validUntil: record.validUntil } : {}),
    ...(record.parentId ? { parentId: record.parentId } : {}),
    ...(record.documentNumber ? { documentNumber: record.documentNumber } : {}),
    unitCode: record.unit.code,
  };
}

/** An agreement's entry in one evaluation list, carrying what the list shows. */
export function listItem(id: string, entry: ListEntry, summary: Item): Item {
  return {
    ...summary,
    pk: agreementPk(id),
    sk: listSk(entry.slot),
    evalKey: entry.partition,
    evalSort: `${entry.date}#${id}`,
  };
}

/** A notification, delivered from the table's stream once the write that made it commits. */
export const outboxItem = (m: OutboxMessage): Item => ({ pk: OUTBOX, sk: `${m.at}#${m.id}`, ...m });

export function activityReportItem(report: ActivityReport): Item {
  return {
    pk: agreementPk(report.agreementId),
    sk: activitySk(report),
    evalKey: reportsKey(report.period.to.slice(0, 4), shardOf(report.agreementId)),
    evalSort: `${report.agreementId}#${report.period.from}`,
    ...report,
  };
}

const STORAGE_FIELDS = [
  'archiveKey',
  'archiveSort',
  'pk',
  'sk',
  'listKey',
  'unitKey',
  'statusKey',
  'typeKey',
  'allKey',
  'ttl',
  'inboxKey',
  'inboxSort',
  'evalKey',
  'evalSort',
  'scheduleKey',
  'scheduleSort',
];

/** The domain object an item holds, without its keys. */
export function strip<T>(item: Item): T {
  const copy = { ...item };
  for (const f of STORAGE_FIELDS) delete copy[f];
  return copy as T;
}
