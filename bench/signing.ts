import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS } from '../infra/local/demo-users.js';
import { LocalSigningKeys } from '../shared/adapters/local/local-signing-keys.js';
import { composeDocument } from '../shared/documents/compose.js';
import { renderPdf } from '../shared/documents/pdf.js';
import { parseAgreementForm } from '../shared/form/agreement-form.js';
import type { Identity } from '../shared/identity/identity.js';
import { signPdf } from '../shared/signing/pades.js';
import { verifyPdfSignatures } from '../shared/signing/verify.js';
import { BUILTIN_TEMPLATES } from '../templates/index.js';
import { verifyPdfSignatures as previousVerify } from './baseline/verify.js';
import { realisticMou } from './realistic-mou.js';
import { compare, report, time } from './stats.js';

/** One PAdES signature on the realistic MoU, and verification of a twice-signed copy. */
export async function signingBench() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ca-'));
  try {
    const keys = new LocalSigningKeys(dir);
    const rendered = await renderPdf(
      composeDocument(parseAgreementForm(realisticMou()), BUILTIN_TEMPLATES.MOU, { documentNumber: 'BENCH' }),
    );
    const users = ['gubernur', 'sekda'].map((u) => DEMO_USERS.find((d) => d.username === u) as Identity);
    const signers = await Promise.all(users.map((u) => keys.signerFor(u)));
    const sign = (bytes: Uint8Array, party: number) =>
      signPdf(bytes, {
        signer: signers[party] as (typeof signers)[number],
        visible: {
          box: rendered.signatureBoxes[party] as (typeof rendered.signatureBoxes)[number],
          name: (users[party] as Identity).name,
          capacity: ['Penandatangan'],
          verificationUrl: 'http://127.0.0.1:3000/verify/01JAAAAAAAAAAAAAAAAAAAAAAA',
        },
        fieldName: `party-${party}`,
        reason: 'Penandatanganan',
        location: 'Semarang',
        signingTime: new Date(),
      });
    console.log(`signing: the realistic MoU has ${rendered.pageCount} pages`);
    report(
      'one PAdES signature (local key)',
      await time(100, 10, () => sign(rendered.bytes, 0)),
      '≤ 30 ms median',
    );
    const twice = await sign(await sign(rendered.bytes, 0), 1);
    const roots = [keys.rootCertificatePem];
    report(
      'verify a twice-signed PDF',
      await time(100, 10, () => verifyPdfSignatures(twice, roots)),
      '≤ 20 ms median',
    );
    // More runs than the other figures: the two take about the same time, and the ratio is what counts.
    return compare(
      'verify a twice-signed PDF',
      300,
      () => previousVerify(twice, roots),
      () => verifyPdfSignatures(twice, roots),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
