import type { Agreement, AgreementVersion, StoredFile } from '../agreement/agreement.js';
import type { Deviation } from '../documents/negotiation.js';
import { validUntil } from '../evaluation/lifecycle.js';
import { sha256 } from '../hash.js';
import type { SignatureCheck } from '../signing/verify.js';

/** What the archive keeps of each signature found in the signed copy. */
export type ArchivedSignature = Pick<SignatureCheck, 'signer' | 'signedAt' | 'valid' | 'trusted'> &
  Partial<Pick<SignatureCheck, 'coversWholeDocument' | 'changesAfter'>>;

/**
 * A copy the archive holds: the signed PDF as uploaded plus the archive's incremental updates (its
 * validation data and document timestamp); each renewal is a longer copy holding the one before.
 */
export interface ArchivedCopy extends StoredFile {
  /** The last document timestamp's time. */
  timestampedAt: string;
  /** When that timestamp's authority certificate expires. */
  timestampValidUntil: string;
}

export const archivedCopy = (
  key: string,
  bytes: Uint8Array,
  timestamp: Pick<ArchivedCopy, 'timestampedAt' | 'timestampValidUntil'>,
): ArchivedCopy => ({
  key,
  contentType: 'application/pdf',
  size: bytes.byteLength,
  sha256: sha256(bytes),
  timestampedAt: timestamp.timestampedAt,
  timestampValidUntil: timestamp.timestampValidUntil,
});

/** Which file a hash names: the upload itself, the archive's sealed copy, or a renewal of it. */
export type CopyKind = 'uploaded' | 'archived' | 'renewed';

/** The archived, signed agreement: what evaluators search, and the proof of the unaltered copy. */
export interface ArchiveRecord {
  agreementId: string;
  documentType: Agreement['documentType'];
  category: Agreement['category'];
  title: Agreement['title'];
  parties: { name: { id: string; en?: string }; country: string }[];
  /** Partner countries (the parties other than the region itself). */
  countries: string[];
  fields: string[];
  unit: { code: string; name: string };
  /** The date the agreement was signed (ISO date). */
  signedAt: string;
  validFrom: string;
  /** Absent for an LoI without a duration. */
  validUntil?: string;
  parentId?: string;
  /** The region's register number printed in the signed text. */
  documentNumber?: string;
  /** The archive's latest copy: what is downloaded and checked (the last of `copies`). */
  file: StoredFile;
  /** The signed file as it was uploaded; records archived before sealing lack it (their file is the upload). */
  uploaded?: { sha256: string; size: number };
  /** The archive's copies, oldest first: the sealed copy (B-LTA), then each renewal. */
  copies?: ArchivedCopy[];
  /** The day the daily job renews the last document timestamp (its certificate's expiry less a margin). */
  renewBy?: string;
  /** The template version the signed text was drafted with. Records archived before it was kept lack it. */
  templateVersion?: number;
  /**
   * The signed version's negotiated departures from that template version (which the Biro head
   * accepted); records archived before deviations were kept lack them.
   */
  deviations?: Deviation[];
  /** Records archived before coverage was recorded lack `coversWholeDocument` and `changesAfter`. */
  signatures: ArchivedSignature[];
  uploadId: string;
  archivedAt: string;
  archivedBy: string;
}

/**
 * The signing date is the form's when it gives one, else the last verified signature's (valid and
 * trusted: an untrusted signature may claim any time), else the day the signed copy was archived;
 * validity follows `effectiveFrom` and `durationYears`.
 */
export function archiveRecord(input: {
  agreement: Agreement;
  version: AgreementVersion;
  uploaded: { sha256: string; size: number };
  copy: ArchivedCopy;
  renewBy: string;
  signatures: SignatureCheck[];
  uploadId: string;
  archivedAt: string;
  archivedBy: string;
}): ArchiveRecord {
  const { agreement, version, copy, signatures } = input;
  const form = version.form;
  const lastSignature = signatures
    .filter((s) => s.kind === 'signature' && s.valid && s.trusted)
    .map((s) => s.signedAt)
    .filter((t): t is string => Boolean(t))
    .sort()
    .at(-1);
  const signedAt = form.signing.date ?? lastSignature?.slice(0, 10) ?? input.archivedAt.slice(0, 10);
  const validFrom = form.effectiveFrom === 'signing' ? signedAt : form.effectiveFrom;
  return {
    agreementId: agreement.id,
    documentType: agreement.documentType,
    category: agreement.category,
    title: agreement.title,
    parties: agreement.parties,
    countries: [...new Set(agreement.parties.slice(1).map((p) => p.country))],
    fields: agreement.fields,
    unit: agreement.initiatingUnit,
    signedAt,
    validFrom,
    ...(form.durationYears ? { validUntil: validUntil(validFrom, form.durationYears) } : {}),
    ...(agreement.parentId ? { parentId: agreement.parentId } : {}),
    ...(agreement.documentNumber ? { documentNumber: agreement.documentNumber } : {}),
    file: { key: copy.key, contentType: copy.contentType, size: copy.size, sha256: copy.sha256 },
    uploaded: input.uploaded,
    copies: [copy],
    renewBy: input.renewBy,
    templateVersion: version.templateVersion,
    deviations: version.deviations ?? [],
    signatures: signatures.map(
      ({ signer, signedAt: at, valid, trusted, coversWholeDocument, changesAfter }) => ({
        signer,
        ...(at ? { signedAt: at } : {}),
        valid,
        trusted,
        coversWholeDocument,
        changesAfter,
      }),
    ),
    uploadId: input.uploadId,
    archivedAt: input.archivedAt,
    archivedBy: input.archivedBy,
  };
}

/** Lower-case words of three letters or more, without accents: what a name search matches. */
export function nameTokens(text: string): string[] {
  return [
    ...new Set(
      text
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((t) => t.length >= 3),
    ),
  ];
}

/** The index entries of a record: one per value a search can start from. */
export function facets(record: ArchiveRecord): string[] {
  const names = record.parties.flatMap((p) => [p.name.id, p.name.en ?? '']).join(' ');
  return [
    'ALL',
    `TYPE#${record.documentType}`,
    `CATEGORY#${record.category}`,
    `UNIT#${record.unit.code}`,
    ...record.countries.map((c) => `COUNTRY#${c}`),
    ...record.fields.map((f) => `FIELD#${f}`),
    ...(record.parentId ? [`PARENT#${record.parentId}`] : []),
    ...nameTokens(names).map((t) => `NAME#${t}`),
  ];
}
