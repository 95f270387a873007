import type * as pkijs from 'pkijs';
import { PdfLimitError } from '../pdf/objects.js';
import type { PdfFile } from '../pdf/reader.js';
import type { RevocationFetcher } from '../ports/revocation.js';
import {
  cmsRevocationOf,
  dssOf,
  type RevocationData,
  type RevocationInfo,
  revocationOf,
} from './revocation.js';
import {
  type CertificateInfo,
  type CheckedSignature,
  certificateInfo,
  checkPdfSignatures,
  type SignatureCheck,
} from './verify.js';

/** The overall verdict on a signature or time-stamp, as ETSI EN 319 102-1 names it. */
export type Indication = 'TOTAL_PASSED' | 'INDETERMINATE' | 'TOTAL_FAILED';

/** Why a signature did not pass (ETSI EN 319 102-1, clause 5.1.3). */
export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'NOT_YET_VALID'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'REVOKED_NO_POE'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'TRY_LATER';

/** The PAdES baseline level a signature reaches (ETSI EN 319 142-1). */
export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

/** One signature or document time-stamp of a file, with the verdict a verifier owes its reader. */
export interface ReportedSignature extends SignatureCheck {
  indication: Indication;
  subIndication: SubIndication | null;
  /** The highest baseline level reached; null for a signature that is not PAdES (or does not hold). */
  level: PadesLevel | null;
  /** The signing time the signer claimed (a time-stamp: the time it attests). */
  claimedTime: string | null;
  /** The earliest time a trusted, valid time-stamp proves the signature existed at. */
  provenTime: string | null;
  /** The signer's certificate first, up to the trusted root when one was found. */
  chain: (CertificateInfo & { trustedRoot: boolean })[];
  /** Per certificate of the chain but the root: its status and where that came from. */
  revocation: RevocationInfo[];
}

export interface ReportOptions {
  /** The validation time: now. */
  now: Date;
  /** Fetches revocation data the file does not carry, for trusted chains only. */
  fetcher?: RevocationFetcher;
}

const EMPTY: RevocationData = { ocsps: [], crls: [], certificates: [] };

const endOf = (s: SignatureCheck) => s.byteRange[2] + s.byteRange[3];

/** Revocation status of every certificate of a path but its trust anchor. */
async function revocationOfPath(
  path: pkijs.Certificate[],
  carried: RevocationData[],
  fetcher?: RevocationFetcher,
): Promise<RevocationInfo[]> {
  const issued = path.slice(0, -1);
  return Promise.all(
    issued.map((cert, i) =>
      revocationOf(cert, path[i + 1] as pkijs.Certificate, carried, certificateInfo(cert).subject, fetcher),
    ),
  );
}

interface Verdict {
  indication: Indication;
  subIndication: SubIndication | null;
}

/** The verdict of ETSI EN 319 102-1's basic and long-term validation, in the order its checks run. */
function verdictOf(
  s: CheckedSignature,
  revocation: RevocationInfo[],
  provenTime: Date | undefined,
  now: Date,
): Verdict {
  const failed = (subIndication: SubIndication): Verdict => ({ indication: 'TOTAL_FAILED', subIndication });
  const indeterminate = (subIndication: SubIndication): Verdict => ({
    indication: 'INDETERMINATE',
    subIndication,
  });
  if (!s.check.valid) return failed(s.check.failure ?? 'FORMAT_FAILURE');
  if (!s.check.trusted) return indeterminate('NO_CERTIFICATE_CHAIN_FOUND');
  const signer = s.path[0] as pkijs.Certificate;
  if (provenTime && provenTime < signer.notBefore.value) return failed('NOT_YET_VALID');
  const revoked = revocation.filter((r) => r.status === 'revoked');
  for (const r of revoked) {
    const at = r.revokedAt ? new Date(r.revokedAt) : undefined;
    if (!provenTime) return indeterminate('REVOKED_NO_POE');
    if (!at || provenTime >= at) return failed('REVOKED');
  }
  if (signer.notAfter.value < now && !(provenTime && provenTime <= signer.notAfter.value)) {
    return indeterminate('OUT_OF_BOUNDS_NO_POE');
  }
  if (revocation.some((r) => r.status === 'unknown')) return indeterminate('TRY_LATER');
  return { indication: 'TOTAL_PASSED', subIndication: null };
}

/**
 * The validation report of a PDF: every signature and document time-stamp with its indication, the
 * PAdES level reached, claimed and proven time, the chain and where each revocation status came from,
 * and what changed after it. Proof of existence comes from trusted time-stamps only: the signature's
 * own, or a document time-stamp that covers it.
 */
export async function signatureReport(
  input: Uint8Array | PdfFile,
  trustedRootsPem: string[],
  options: ReportOptions,
): Promise<ReportedSignature[]> {
  const { pdf, signatures } = await checkPdfSignatures(input, trustedRootsPem);
  if (!pdf || !signatures.length) return [];
  // Read once per revision: every signature a document timestamp covers asks for the same one.
  const stores = new Map<number | undefined, RevocationData>();
  const parsed = new Map<string, unknown>();
  const dssAt = (end?: number) => {
    let store = stores.get(end);
    if (!store) {
      try {
        store = dssOf(end === undefined ? pdf.final : pdf.revision(end), parsed);
      } catch (error) {
        if (error instanceof PdfLimitError) throw error;
        store = EMPTY;
      }
      stores.set(end, store);
    }
    return store;
  };
  const dss = dssAt();
  const documentTimestamps = signatures.filter(
    (s) => s.check.kind === 'timestamp' && s.check.valid && s.check.trusted,
  );
  return Promise.all(
    signatures.map(async (s) => {
      const end = endOf(s.check);
      const carried = [cmsRevocationOf(s.signedData), dss];
      const covering = documentTimestamps.filter((t) => t !== s && endOf(t.check) > end);
      const times = [
        ...(s.check.kind === 'timestamp' && s.check.valid && s.check.trusted && s.check.signedAt
          ? [new Date(s.check.signedAt)]
          : []),
        ...(s.check.timestamp?.valid && s.check.timestamp.trusted ? [new Date(s.check.timestamp.time)] : []),
        ...covering.map((t) => new Date(t.check.signedAt as string)),
      ].sort((a, b) => a.getTime() - b.getTime());
      const provenTime = times[0];
      const revocation = s.check.trusted ? await revocationOfPath(s.path, carried, options.fetcher) : [];
      const verdict = verdictOf(s, revocation, provenTime, options.now);
      const inFile =
        revocation.length > 0 && revocation.every((r) => r.source === 'DSS' || r.source === 'CMS');
      const archived =
        inFile &&
        (await Promise.all(
          covering.map(async (t) => {
            const before = [cmsRevocationOf(s.signedData), dssAt(endOf(t.check))];
            const known = await revocationOfPath(s.path, before);
            return known.every((r) => r.source !== 'none');
          }),
        ).then((found) => found.some(Boolean)));
      const baseline =
        s.check.valid && (s.check.kind === 'timestamp' ? s.check.trusted : s.check.signingCertificateV2);
      const level: PadesLevel | null = !baseline
        ? null
        : !provenTime
          ? 'B-B'
          : !inFile
            ? 'B-T'
            : archived
              ? 'B-LTA'
              : 'B-LT';
      return {
        ...s.check,
        ...verdict,
        level,
        claimedTime: s.check.signedAt ?? null,
        provenTime: provenTime?.toISOString() ?? null,
        chain: s.path.map((cert, i) => ({
          ...certificateInfo(cert),
          trustedRoot: s.check.trusted && i === s.path.length - 1,
        })),
        revocation,
      };
    }),
  );
}
