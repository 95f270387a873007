import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPdfSignatures } from '../../shared/signing/verify.js';
import { pdfsig } from '../support/pdfsig.js';
import { DRAFTER, sampleFor } from '../support/samples.js';
import { apiAs } from './support/api.js';
import { useEmbeddedStack } from './support/stack.js';

const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);

/** A PKS (domestic route, no consultation) brought to its signing step through the API. */
async function readyToSign(): Promise<string> {
  const drafter = as(DRAFTER.pks.username);
  const created = await drafter('POST', '/api/agreements', sampleFor('pks'));
  const id = created.json.id as string;
  const steps: [string, string][] = [
    [DRAFTER.pks.username, 'submit'],
    [DRAFTER.pks.head, 'endorse'],
    ['biro.staf', 'approve'],
    ['biro.kepala', 'approve'],
    ['sekda', 'initial'],
  ];
  for (const [user, action] of steps) {
    const res = await as(user)('POST', `/api/agreements/${id}/actions`, { action, version: 1 });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  }
  return id;
}

describe('digital signing through the HTTP API', () => {
  it('signs at the signing step with a PAdES signature pdfsig trusts, then awaits the partner', async () => {
    const id = await readyToSign();
    const early = await as('sekda')('POST', `/api/agreements/${id}/sign`, { version: 1 });
    expect(early.status).toBe(403);
    expect(early.json.message.en).toBe('Only Head of Region may act now');
    const signed = await as('gubernur')('POST', `/api/agreements/${id}/sign`, { version: 1 });
    expect(signed.status, JSON.stringify(signed.json)).toBe(200);
    expect(signed.json.status).toBe('ready_to_sign');
    expect(signed.json.signedDocument.signatures).toBe(1);

    const again = await as('gubernur')('POST', `/api/agreements/${id}/sign`, { version: 1 });
    expect(again.status).toBe(409);

    const inbox = await as('biro.staf')('GET', '/api/inbox');
    expect(inbox.json.items.find((i: { agreementId: string }) => i.agreementId === id)?.stepId).toBe(
      'partner-signature',
    );

    const root = readFileSync(join(stack.env.LOCAL_CA_DIR as string, 'root-ca.json'), 'utf8');
    const rootPem = JSON.parse(root).certificatePem as string;
    const { S3Client, GetObjectCommand } = await import('@aws-sdk/client-s3');
    const s3 = new S3Client({ forcePathStyle: true });
    const object = await s3.send(
      new GetObjectCommand({ Bucket: stack.env.DOCUMENTS_BUCKET, Key: signed.json.signedDocument.key }),
    );
    const pdf = await object.Body?.transformToByteArray();
    if (!pdf) throw new Error('signed PDF missing');
    expect(await pdfsig(pdf, rootPem)).toEqual([
      {
        signer: 'Drs. Bramantyo Adiwinata',
        valid: true,
        trusted: true,
        subFilter: 'ETSI.CAdES.detached',
        wholeDocument: false,
      },
    ]);
    const [ours] = await verifyPdfSignatures(pdf, [rootPem]);
    expect(ours).toMatchObject({
      signer: 'Drs. Bramantyo Adiwinata',
      valid: true,
      trusted: true,
      // Followed by its validation data (PAdES B-LT), and nothing else.
      coversWholeDocument: false,
      changesAfter: { kind: 'signatures' },
    });

    const history = await as('biro.staf')('GET', `/api/agreements/${id}/history`);
    const event = history.json.events.at(-1);
    expect(event).toMatchObject({
      action: 'sign',
      steps: ['head-sign'],
      attachment: { key: signed.json.signedDocument.key },
    });
    expect(event.attachment.sha256).toBe(signed.json.signedDocument.sha256);
    expect(history.json.chainIntact).toBe(true);
  });

  it('refuses to sign before the route reaches signing', async () => {
    const created = await as(DRAFTER.pks.username)('POST', '/api/agreements', sampleFor('pks'));
    const res = await as('gubernur')('POST', `/api/agreements/${created.json.id}/sign`, { version: 1 });
    expect(res.status).toBe(409);
    const bad = await as('gubernur')('POST', `/api/agreements/${created.json.id}/sign`, { version: 'one' });
    expect(bad.status).toBe(400);
  });

  it('links the region-signed PDF for five minutes, for whoever may see the agreement', async () => {
    const id = await readyToSign();
    const unsigned = await as('biro.staf')('GET', `/api/agreements/${id}`);
    expect(unsigned.json.links.signed).toBeUndefined();
    const signed = await as('gubernur')('POST', `/api/agreements/${id}/sign`, { version: 1 });
    expect(signed.status, JSON.stringify(signed.json)).toBe(200);
    const rootPem = JSON.parse(readFileSync(join(stack.env.LOCAL_CA_DIR as string, 'root-ca.json'), 'utf8'))
      .certificatePem as string;
    const download = async (url: string) => {
      expect(url).toMatch(/X-Amz-Expires=300/);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="pks-${id}-signed-v1-1.pdf"`);
      return new Uint8Array(await res.arrayBuffer());
    };
    const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    const fromSigning = await download(signed.json.links.signed);
    expect(sha256(fromSigning)).toBe(signed.json.signedDocument.sha256);
    for (const user of ['biro.staf', DRAFTER.pks.username, DRAFTER.pks.head, 'evaluator']) {
      const view = await as(user)('GET', `/api/agreements/${id}`);
      const pdf = await download(view.json.links.signed);
      expect(sha256(pdf), user).toBe(view.json.signedDocument.sha256);
      expect(await pdfsig(pdf, rootPem), user).toEqual([
        {
          signer: 'Drs. Bramantyo Adiwinata',
          valid: true,
          trusted: true,
          subFilter: 'ETSI.CAdES.detached',
          wholeDocument: false,
        },
      ]);
    }
    // Another unit's OPD does not learn the agreement exists, let alone get its file.
    const other = await as('dispar.penyusun')('GET', `/api/agreements/${id}`);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.json)).not.toMatch(/signed|X-Amz/);
  });
});
