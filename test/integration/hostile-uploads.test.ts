import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { httpRevocationFetcher } from '../../shared/adapters/http-revocation.js';
import { LocalSigningKeys } from '../../shared/adapters/local/local-signing-keys.js';
import { LocalTimestampAuthority } from '../../shared/adapters/local/local-timestamp-authority.js';
import type { Identity } from '../../shared/identity/identity.js';
import { signPdf } from '../../shared/signing/pades.js';
import { afterSigning, decoyRanges, hostileUploads, manySignatures } from '../support/hostile-pdfs.js';
import { apiAs } from './support/api.js';
import { journey } from './support/journey.js';
import { useEmbeddedStack } from './support/stack.js';
import { stored } from './support/stored.js';

const stack = useEmbeddedStack();
const { verify } = stored(stack);
const as = (username: string) => apiAs(stack, username);
const biro = () => as('biro.staf');
const { signedByRegion, upload } = journey(stack);

/** The partner's signature appended to a copy the region signed, as a second signer's tool would. */
async function countersigned(pdf: Uint8Array): Promise<Uint8Array> {
  const keys = new LocalSigningKeys(stack.env.LOCAL_CA_DIR as string, stack.baseUrl);
  const partner = {
    ...(DEMO_USERS.find((u) => u.username === 'sekda') as Identity),
    name: 'Mitra Penandatangan',
    sub: 'partner',
  };
  return signPdf(pdf, {
    signer: await keys.signerFor(partner),
    timestamps: new LocalTimestampAuthority(stack.env.LOCAL_CA_DIR as string),
    revocation: httpRevocationFetcher,
    visible: {
      box: { party: 1, page: 0, x: 40, y: 40, width: 200, height: 70 },
      name: partner.name,
      capacity: ['Mitra'],
      verificationUrl: `${stack.baseUrl}/verify/partner`,
    },
    fieldName: 'partner',
    reason: 'Penandatanganan kerja sama',
    location: 'Brisbane',
    signingTime: new Date('2026-11-25T01:00:00Z'),
  });
}

describe('hostile uploads through the presigned upload', () => {
  let pks: { id: string; pdf: Uint8Array };

  beforeAll(async () => {
    pks = await signedByRegion('pks');
  }, 60_000);

  it('quarantines each with its reason and leaves the agreement untouched; a countersigned copy is accepted', async () => {
    const representative = (await hostileUploads()).filter((f) =>
      /escaped|JavaScript in a compressed|\.exe|SubmitForm|page-open|form field|javascript:|names tree|bomb|nested/.test(
        f.name,
      ),
    );
    expect(representative.length).toBe(11);
    const forged = [
      {
        name: 'page 1 replaced after the region signed',
        bytes: await afterSigning.replacePage1(pks.pdf),
        reason:
          /changed after its last signature \(Drs. Bramantyo Adiwinata\): the page content was changed \(page 1\)/,
      },
      {
        name: 'annotation added after the region signed',
        bytes: await afterSigning.addAnnotation(pks.pdf),
        reason:
          /changed after its last signature \(Drs. Bramantyo Adiwinata\): annotations were added, changed or removed/,
      },
    ];
    for (const file of [...representative, ...forged]) {
      const result = await upload(pks.id, file.bytes);
      expect(result.status, file.name).toBe('quarantined');
      expect(result.reason, file.name).toMatch(file.reason);
    }
    const agreement = await biro()('GET', `/api/agreements/${pks.id}`);
    expect(agreement.json.status).toBe('ready_to_sign');
    expect((await as('evaluator')('GET', `/api/archive/${pks.id}`)).status).toBe(404);
    const history = await biro()('GET', `/api/agreements/${pks.id}/history`);
    expect(history.json.events.some((e: { action: string }) => e.action === 'archive')).toBe(false);

    const accepted = await upload(pks.id, await countersigned(pks.pdf));
    expect(accepted).toMatchObject({ status: 'accepted', agreementId: pks.id });
    const record = await as('evaluator')('GET', `/api/archive/${pks.id}`);
    expect(record.json.signatures).toEqual([
      expect.objectContaining({
        signer: 'Drs. Bramantyo Adiwinata',
        valid: true,
        trusted: true,
        coversWholeDocument: false,
        // The partner's visible block is its signature widget's appearance: no page content changed.
        changesAfter: { kind: 'signatures' },
      }),
      expect.objectContaining({
        signer: 'Mitra Penandatangan',
        valid: true,
        trusted: true,
        // Followed by its own validation data (B-LT) and nothing else.
        coversWholeDocument: false,
        changesAfter: { kind: 'signatures' },
      }),
    ]);
    const qr = await fetch(`${stack.baseUrl}/api/verify/${pks.id}`).then((r) => r.json());
    expect(qr.signatures[1]).toMatchObject({
      coversWholeDocument: false,
      changesAfter: { kind: 'signatures' },
    });
  }, 180_000);
});

describe('public verification of crafted files', () => {
  let mou: { id: string; pdf: Uint8Array };

  beforeAll(async () => {
    mou = await signedByRegion('mou');
  }, 60_000);

  it('says which page changed after a valid, trusted signature', async () => {
    const forged = await verify(await afterSigning.replacePage1(mou.pdf));
    expect(forged.status).toBe(200);
    expect(forged.json.signatures).toEqual([
      expect.objectContaining({
        signer: 'Drs. Bramantyo Adiwinata',
        valid: true,
        trusted: true,
        coversWholeDocument: false,
        changesAfter: { kind: 'content', pages: [1] },
      }),
    ]);
    const intact = await verify(mou.pdf);
    expect(intact.json.signatures[0]).toMatchObject({
      coversWholeDocument: false,
      changesAfter: { kind: 'signatures' },
    });
  });

  it('answers 4.5 MB of decoy byte ranges with one report, and too many signatures with a 400', async () => {
    const decoys = await verify(decoyRanges(mou.pdf));
    expect(decoys.status).toBe(200);
    expect(decoys.json.signatures).toHaveLength(1);
    const many = await verify(manySignatures(200));
    expect(many.status).toBe(400);
    expect(many.json.issues[0].message.en).toBe(
      'The PDF cannot be checked: the PDF has more than 20 signatures to check',
    );
  }, 60_000);
});

describe('an upload whose ingestion fails every retry', () => {
  it('ends failed with the reason, not pending, and the agreement can take another upload', async () => {
    const loi = await signedByRegion('loi');
    const bucket = process.env.ARCHIVE_BUCKET;
    // The archive bucket gone: every try fails at the write, as an outage would.
    process.env.ARCHIVE_BUCKET = 'kerjasama-archive-missing';
    let failed: Awaited<ReturnType<typeof upload>>;
    try {
      failed = await upload(loi.id, loi.pdf);
    } finally {
      process.env.ARCHIVE_BUCKET = bucket;
    }
    expect(failed).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^the file could not be checked \(checking it failed 3 times\)/),
    });
    expect((await biro()('GET', `/api/agreements/${loi.id}`)).json.status).toBe('ready_to_sign');
    expect(await upload(loi.id, loi.pdf)).toMatchObject({ status: 'accepted' });
  }, 120_000);
});
