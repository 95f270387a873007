import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import type { Agreement, AgreementVersion } from '../../shared/agreement/agreement.js';
import type { ArchiveRecord } from '../../shared/archive/archive-record.js';
import type { ActivityReport } from '../../shared/evaluation/activity-report.js';
import { startLifecycle, validUntil } from '../../shared/evaluation/lifecycle.js';
import {
  CATEGORIES,
  type Category,
  DOCUMENT_TYPES,
  type DocumentType,
} from '../../shared/form/agreement-form.js';
import { type AuditEvent, seal } from '../../shared/workflow/audit.js';

/**
 * Agreements made up in bulk for the aggregate recount and the benchmarks: varied types,
 * categories, units, countries, fields and years, deterministic for a given number.
 */
const UNITS = ['DISPAR', 'DISDIK', 'DINKES', 'DPMPTSP', 'BAPPEDA', 'DISHUB'];
const COUNTRIES = ['AU', 'JP', 'CN', 'KR', 'MY', 'KH', 'NL', 'DE', 'US', 'ID'];
const FIELDS = [
  'education',
  'tourism',
  'culture',
  'health',
  'trade',
  'environment',
  'transport',
  'agriculture',
];

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

const ACTOR: AuditEvent['actor'] = { sub: 'seed', name: 'Seed', role: 'admin' };

export function syntheticAgreement(n: number, createdAt = '2020-01-01T00:00:00.000Z'): Agreement {
  const documentType: DocumentType = pick(DOCUMENT_TYPES, n);
  const category: Category = pick(CATEGORIES, n >> 2);
  const country = category === 'KSDPL' || category === 'KSDLL' ? pick(COUNTRIES.slice(0, -1), n >> 3) : 'ID';
  const agreement: Agreement = {
    id: ulid(Date.parse(createdAt)),
    documentType,
    category,
    status: 'draft',
    initiatingUnit: { code: pick(UNITS, n >> 1), name: pick(UNITS, n >> 1) },
    title: { id: `Kerja Sama ${documentType} nomor ${n}`, en: `Cooperation ${documentType} number ${n}` },
    parties: [
      { name: { id: 'Provinsi Jawa Tengah' }, country: 'ID' },
      { name: { id: `Mitra ${n}`, en: `Partner ${n}` }, country },
    ],
    fields: [pick(FIELDS, n), pick(FIELDS, n >> 3)].filter((f, i, all) => all.indexOf(f) === i),
    currentVersion: 1,
    createdAt,
    updatedAt: createdAt,
    workflow: { status: 'draft', approvals: [] },
    lastEvent: { seq: 0, hash: '' },
  };
  const event = createEvent(agreement);
  return { ...agreement, lastEvent: { seq: event.seq, hash: event.hash } };
}

/** A first version as the store keeps it; its form is never read by what uses these agreements. */
export const syntheticVersion = (a: Agreement): AgreementVersion =>
  ({
    agreementId: a.id,
    version: 1,
    form: {},
    templateId: a.documentType,
    templateVersion: 1,
    pageCount: 1,
    signatureBoxes: [],
    files: {
      pdf: {
        key: `agreements/${a.id}/v1.pdf`,
        contentType: 'application/pdf',
        size: 1,
        sha256: 'a'.repeat(64),
      },
      docx: {
        key: `agreements/${a.id}/v1.docx`,
        contentType: 'application/docx',
        size: 1,
        sha256: 'a'.repeat(64),
      },
    },
    createdAt: a.createdAt,
  }) as unknown as AgreementVersion;

export const createEvent = (a: Agreement): AuditEvent =>
  seal(
    {
      agreementId: a.id,
      at: a.createdAt,
      actor: ACTOR,
      action: 'create',
      version: 1,
      documentSha256: 'a'.repeat(64),
      toStatus: 'draft',
    },
    undefined,
  );

/** The archive record of `a`, signed on `signedAt` for `years` years (an LoI without an end when 0). */
export function syntheticRecord(
  a: Agreement,
  signedAt: string,
  years: number,
  parentId?: string,
): ArchiveRecord {
  const sha256 = createHash('sha256').update(a.id).digest('hex');
  return {
    agreementId: a.id,
    documentType: a.documentType,
    category: a.category,
    title: a.title,
    parties: a.parties,
    countries: [...new Set(a.parties.slice(1).map((p) => p.country))],
    fields: a.fields,
    unit: a.initiatingUnit,
    signedAt,
    validFrom: signedAt,
    ...(years ? { validUntil: validUntil(signedAt, years) } : {}),
    ...(parentId ? { parentId } : {}),
    file: { key: `archive/${a.id}/${sha256}.pdf`, contentType: 'application/pdf', size: 1000, sha256 },
    signatures: [],
    uploadId: `upload-${a.id}`,
    archivedAt: `${signedAt}T10:00:00.000Z`,
    archivedBy: 'Seed',
  };
}

/** The head of `a` once `record` is archived, as ingestion writes it, with the archive event. */
export function archivedHead(
  a: Agreement,
  record: ArchiveRecord,
  today: string,
): { after: Agreement; event: AuditEvent } {
  const { status, lifecycle } = startLifecycle(record, today);
  const event = seal(
    {
      agreementId: a.id,
      at: record.archivedAt,
      actor: ACTOR,
      action: 'archive',
      version: 1,
      documentSha256: record.file.sha256,
      fromStatus: a.status,
      toStatus: status,
    },
    a.lastEvent,
  );
  return {
    after: {
      ...a,
      status,
      workflow: { ...a.workflow, status },
      lifecycle,
      lastEvent: { seq: event.seq, hash: event.hash },
      updatedAt: record.archivedAt,
    },
    event,
  };
}

/** An accepted activity report of `a` over one period. */
export function syntheticReport(a: Agreement, from: string, to: string, n: number): ActivityReport {
  return {
    reportId: `${a.id}-${n}`,
    agreementId: a.id,
    unitCode: a.initiatingUnit.code,
    period: { from, to },
    activities: [
      `Pertukaran pelajar dan pelatihan bersama, tahap ${n}`,
      'Promosi pariwisata di negara mitra',
    ],
    outcomes: 'Kegiatan terlaksana sesuai rencana.',
    benefits: 'Kapasitas aparatur meningkat.',
    attachments: [],
    status: 'accepted',
    submittedAt: `${to}T09:00:00.000Z`,
    submittedBy: { sub: 'seed', name: 'Seed', role: 'opd_drafter', unit: a.initiatingUnit.code },
  };
}
