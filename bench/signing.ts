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
import { sealForArchive } from '../shared/signing/archival.js';
import { signPdf } from '../shared/signing/pades.js';
import { signatureReport } from '../shared/signing/report.js';
import { verifyPdfSignatures } from '../shared/signing/verify.js';
import { BUILTIN_TEMPLATES } from '../templates/index.js';
import { localSigningKeys } from '../test/support/local-ca.js';
import { signPdf as previousSign } from './baseline/pades.js';
import { verifyPdfSignatures as previousVerify } from './baseline/verify.js';
import { realisticMou } from './realistic-mou.js';
import { compare, report, time } from './stats.js';

/**
 * One PAdES signature on the realistic MoU (B-LT, dated by the local TSA over HTTP as the embedded
 * stack does, beside the B-B signature before issue 15), verification of a twice-signed copy, the
 * archive's seal of a three-signer copy, and the verification report of that B-LTA copy beside the
 * B-B verification of the same three signatures before issue 15.
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
    const users = ['gubernur', 'sekda', 'biro.kepala'].map(
      (u) => DEMO_USERS.find((d) => d.username === u) as Identity,
    );
    const signers = await Promise.all(users.map((u) => keys.signerFor(u)));
    const boxes = rendered.signatureBoxes;
    const request = (party: number) => ({
      signer: signers[party] as (typeof signers)[number],
      visible: {
        // A third signer shares the last party's box: where it is drawn costs nothing here.
        box: boxes[Math.min(party, boxes.length - 1)] as (typeof boxes)[number],
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
      // B-LT: each signature's timestamp and its TSA's chain are checked too (20 ms was for B-B).
      '≤ 50 ms median',
    );
    // More runs than the other figures: the two take about the same time, and the ratio is what counts.
    await compare(
      'verify a twice-signed PDF',
      300,
      () => previousVerify(twice, roots),
      () => verifyPdfSignatures(twice, roots),
    );
    // Three signers, then the archive's seal: B-LTA, against three B-B signatures as before issue 15.
    let thrice = rendered.bytes;
    let thriceBefore = rendered.bytes;
    for (const party of [0, 1, 2]) {
      thrice = await sign(thrice, party);
      thriceBefore = await previousSign(thriceBefore, request(party));
    }
    const seal = { timestamps, revocation: httpRevocationFetcher };
    report(
      'seal a three-signer PDF for the archive (B-LTA: DSS and a document timestamp)',
      await time(50, 5, () => sealForArchive(thrice, seal)),
      '≤ 250 ms median',
    );
    const sealed = (await sealForArchive(thrice, seal)).bytes;
    const levels = (await signatureReport(sealed, roots, { now: new Date() })).map((r) => r.level);
    console.log(`  the sealed file's levels: ${levels.join(', ')}`);
    return compare(
      'verify a three-signer PDF: B-B (verifier of issue 11) → the report of its B-LTA copy',
      100,
      () => previousVerify(thriceBefore, roots),
      () => signatureReport(sealed, roots, { now: new Date(), fetcher: httpRevocationFetcher }),
    );
  } finally {
    tsa.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
