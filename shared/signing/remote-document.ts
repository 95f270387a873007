import { PDF } from '@libpdf/core';
import { UnavailableError } from '../errors.js';
import { say } from '../form/messages.js';
import type { Identity } from '../identity/identity.js';
import type { RevocationFetcher } from '../ports/revocation.js';
import type { DocumentSigner, TrustedRoots } from '../ports/signing.js';
import {
  assertNotRevoked,
  assertValidationData,
  placeSignatureBlock,
  type VisibleSignature,
} from './pades.js';
import { revocationProvider } from './revocation.js';
import { checkPdfSignatures } from './verify.js';

export interface RemoteSignRequest {
  signer: DocumentSigner;
  user: Identity;
  /** Typed by the signer for this signature; handed to the service and forgotten. */
  passphrase: string;
  /** The roots the returned signature must chain to (the service's CA among them), read once it answered. */
  trustedRoots: TrustedRoots;
  revocation: RevocationFetcher;
  visible: VisibleSignature;
  reason: string;
  location: string;
  signingTime: Date;
}

/** The service answered, but not with a document we may keep: nothing is stored, the step stays open. */
const refused = (en: string, id: string) =>
  new UnavailableError('remote signing service', {
    text: say(
      `Layanan tanda tangan mengembalikan dokumen yang tidak dapat disimpan: ${id}`,
      `The signing service returned a document that cannot be kept: ${en}`,
    ),
  });

const der = (cert: { toSchema(): { toBER(): ArrayBuffer } }) => new Uint8Array(cert.toSchema().toBER());

/**
 * What a document-level service returned must be the PDF we sent with exactly one signature appended as
 * an incremental update: the bytes we sent unchanged at its start, every earlier signature still valid,
 * the new one valid, covering the whole file, by a certificate that chains to a trusted root, not
 * revoked, and dated by a trusted timestamp (B-T: no signature is dated by a clock we cannot trust).
 */
async function assertOneSignatureAppended(
  sent: Uint8Array,
  returned: Uint8Array,
  request: RemoteSignRequest,
): Promise<void> {
  if (
    returned.byteLength <= sent.byteLength ||
    !Buffer.from(sent).equals(returned.subarray(0, sent.byteLength))
  ) {
    throw refused(
      'the document we sent was changed, not appended to',
      'dokumen yang dikirim diubah, bukan ditambah',
    );
  }
  const { signatures } = await checkPdfSignatures(returned, await request.trustedRoots());
  const added = signatures.filter((s) => s.check.byteRange[1] >= sent.byteLength);
  const earlier = signatures.filter((s) => s.check.byteRange[1] < sent.byteLength);
  const [signature] = added;
  if (added.length !== 1 || !signature || signature.check.kind !== 'signature') {
    throw refused(
      `${added.length} signatures were added instead of one`,
      `${added.length} tanda tangan ditambahkan, bukan satu`,
    );
  }
  if (earlier.some((s) => !s.check.valid)) {
    throw refused('an earlier signature no longer holds', 'tanda tangan sebelumnya tidak lagi sah');
  }
  const { check, path } = signature;
  if (!check.valid || !check.coversWholeDocument) {
    throw refused(
      `its signature does not hold (${check.failure ?? 'it does not cover the file'})`,
      `tanda tangannya tidak sah (${check.failure ?? 'tidak mencakup seluruh berkas'})`,
    );
  }
  if (!check.trusted) {
    throw refused(
      `the signer's certificate (${check.signer}) does not chain to a trusted root`,
      `sertifikat penanda tangan (${check.signer}) tidak berantai ke akar tepercaya`,
    );
  }
  if (!check.timestamp?.valid || !check.timestamp.trusted) {
    throw refused(
      'its signature carries no valid, trusted timestamp',
      'tanda tangannya tidak bercap waktu yang sah dan tepercaya',
    );
  }
  const [certificate, ...chain] = path;
  if (!certificate) throw refused('its signature has no certificate', 'tanda tangannya tanpa sertifikat');
  await assertNotRevoked(
    { certificate: der(certificate), certificateChain: chain.map(der) },
    request.revocation,
  );
}

/**
 * Signs through a service that signs whole documents (BSrE): our visible block is drawn into the party's
 * box as an incremental update of ours, the service appends its signature, what it returns is checked
 * as above, and the chain's revocation data goes into the document security store when the service did
 * not put it there, so that this signature is B-LT like every other.
 */
export async function signPdfRemotely(bytes: Uint8Array, request: RemoteSignRequest): Promise<Uint8Array> {
  const placed = await placeSignatureBlock(bytes, request.visible, request.signingTime);
  const sent = await placed.save({ incremental: true });
  const returned = await request.signer.signDocument(sent, {
    user: request.user,
    passphrase: request.passphrase,
    reason: request.reason,
    location: request.location,
  });
  await assertOneSignatureAppended(sent, returned, request);
  const signed = await PDF.load(returned);
  const result = await signed.addValidationData({
    revocationProvider: revocationProvider(request.revocation),
  });
  assertValidationData(result.warnings);
  return result.bytes;
}
