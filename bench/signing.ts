import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS } from '../infra/local/demo-users.js';
import { listen } from '../infra/local/http-adapter.js';
import { httpRevocationFetcher } from '../shared/adapters/http-revocation.js';
import { LocalTimestampAuthority } from '../shared/adapters/local/local-timestamp-authority.js';
import { HttpTimestampAuthorities } from '../shared/adapters/tsa/http-timestamp-authorities.js';
import { composeDocument } from '../shared/documents/compose.js';
import { renderPdf } from '../shared/documents/pdf.js';
import { parseAgreementForm } from '../shared/form/agreement-form.js';
import type { Identity } from '../shared/identity/identity.js';
import { signPdf } from '../shared/signing/pades.js';
import { verifyPdfSignatures } from '../shared/signing/verify.js';
import { BUILTIN_TEMPLATES } from '../templates/index.js';
import { localSigningKeys } from '../test/support/local-ca.js';
import { signPdf as previousSign } from './baseline/pades.js';
import { verifyPdfSignatures as previousVerify } from './baseline/verify.js';
import { realisticMou } from './realistic-mou.js';
import { compare, report, time } from './stats.js';

/**
 * One PAdES signature on the realistic MoU (B-LT, dated by the local TSA over HTTP as the embedded
 * stack does, beside the B-B signature before issue 15), and verification of a twice-signed copy.
 */
export async function signingBench() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ca-'));
  const local = new LocalTimestampAuthority(dir);
  const tsa = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
    res.end(await local.reply(Buffer.concat(chunks)));
  });
  const timestamps = new HttpTimestampAuthorities([`${await listen(tsa, 0)}/tsa`], { timeoutMs: 5000 });
  try {
    const keys = localSigningKeys(dir);
    const rendered = await renderPdf(
      composeDocument(parseAgreementForm(realisticMou()), BUILTIN_TEMPLATES.MOU, { documentNumber: 'BENCH' }),
    );
    const users = ['gubernur', 'sekda'].map((u) => DEMO_USERS.find((d) => d.username === u) as Identity);
    const signers = await Promise.all(users.map((u) => keys.signerFor(u)));
    const request = (party: number) => ({
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
    const sign = (bytes: Uint8Array, party: number) =>
      signPdf(bytes, { ...request(party), timestamps, revocation: httpRevocationFetcher });
    console.log(`signing: the realistic MoU has ${rendered.pageCount} pages`);
    report(
      'one PAdES B-LT signature (local key, local TSA, local OCSP)',
      await time(100, 10, () => sign(rendered.bytes, 0)),
      // Two OCSP round trips and a second update; well inside a signing request's budget.
      '≤ 250 ms median',
    );
    await compare(
      'one signature: B-B → B-LT',
      100,
      () => previousSign(rendered.bytes, request(0)),
      () => sign(rendered.bytes, 0),
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
    tsa.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
