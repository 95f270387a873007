import { createHash } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as ingest } from '../../functions/events/ingest-upload.js';
import { MAX_UPLOAD_BYTES } from '../../shared/archive/inspect-pdf.js';
import { badUploads, validPdf } from '../support/bad-pdfs.js';
import { sampleFor } from '../support/samples.js';
import { apiAs } from './support/api.js';
import { journey } from './support/journey.js';
import { useEmbeddedStack } from './support/stack.js';
import { stored } from './support/stored.js';

const stack = useEmbeddedStack();
const { verify } = stored(stack);
const as = (username: string) => apiAs(stack, username);
const biro = () => as('biro.staf');

const { signedByRegion, upload, putPastTheForm } = journey(stack);
const s3 = () => new S3Client({ forcePathStyle: true });

describe('the paper path and the archive', () => {
  let mou: { id: string; pdf: Uint8Array };

  beforeAll(async () => {
    mou = await signedByRegion('mou');
  }, 60_000);

  it('archives an uploaded signed copy, dates the agreement from its signing and records the signatures found', async () => {
    const result = await upload(mou.id, mou.pdf);
    expect(result).toMatchObject({ status: 'accepted', agreementId: mou.id });
    const agreement = await biro()('GET', `/api/agreements/${mou.id}`);
    // Signed on 6 August 2019 for five years: archived today, it has already expired.
    expect(agreement.json.status).toBe('expired');
    expect(agreement.json.lifecycle).toMatchObject({
      signedAt: '2019-08-06',
      validFrom: '2019-08-06',
      validUntil: '2024-08-05',
      archivedSha256: result.sha256,
    });
    const inbox = await biro()('GET', '/api/inbox');
    expect(inbox.json.items.some((i: { agreementId: string }) => i.agreementId === mou.id)).toBe(false);
    const record = await as('evaluator')('GET', `/api/archive/${mou.id}`);
    expect(record.status).toBe(200);
    expect(record.json).toMatchObject({
      documentType: 'MOU',
      category: 'KSDPL',
      countries: ['AU'],
      signedAt: '2019-08-06',
      validFrom: '2019-08-06',
      validUntil: '2024-08-05',
      unit: { code: 'DISPAR' },
      signatures: [{ signer: 'Drs. Bramantyo Adiwinata', valid: true, trusted: true }],
    });
    expect(record.json.file.sha256).toBe(result.sha256);
    const history = await biro()('GET', `/api/agreements/${mou.id}/history`);
    expect(history.json.events.at(-1)).toMatchObject({
      action: 'archive',
      fromStatus: 'ready_to_sign',
      toStatus: 'expired',
      documentSha256: result.sha256,
    });
    expect(history.json.chainIntact).toBe(true);
  });

  it('takes no second upload for an archived agreement', async () => {
    const second = await biro()('POST', `/api/agreements/${mou.id}/uploads`);
    expect(second.status).toBe(409);
    expect(second.json.message.en).toMatch(/it is expired/);
  });

  it('downloads through a five-minute link and records every download', async () => {
    const before = (await biro()('GET', `/api/agreements/${mou.id}/history`)).json.events.length;
    const download = await as('evaluator')('POST', `/api/archive/${mou.id}/download`);
    expect(download.status).toBe(200);
    expect(download.json.url).toMatch(/X-Amz-Expires=300/);
    const file = Buffer.from(await (await fetch(download.json.url)).arrayBuffer());
    // The archived copy: the upload, byte for byte, and the archive's seal appended to it.
    const record = await as('evaluator')('GET', `/api/archive/${mou.id}`);
    expect(createHash('sha256').update(file).digest('hex')).toBe(record.json.file.sha256);
    expect(file.length).toBeGreaterThan(mou.pdf.length);
    expect(file.subarray(0, mou.pdf.length).equals(Buffer.from(mou.pdf))).toBe(true);
    const events = (await biro()('GET', `/api/agreements/${mou.id}/history`)).json.events;
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ action: 'download', actor: { role: 'evaluator' } });
  });

  it('verifies a PDF publicly: the archived copy matches, a one-byte change does not', async () => {
    const anonymous = apiAs(stack, undefined);
    const archived = await as('evaluator')('POST', `/api/archive/${mou.id}/download`);
    const copy = new Uint8Array(await (await fetch(archived.json.url)).arrayBuffer());
    const ok = await verify(copy);
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json).toMatchObject({
      matchesArchivedCopy: true,
      copy: 'archived',
      archived: { agreementId: mou.id },
    });
    // The file as uploaded is known too, as the one the archived copy was made from.
    const uploaded = await verify(mou.pdf);
    expect(uploaded.json).toMatchObject({
      matchesArchivedCopy: false,
      copy: 'uploaded',
      archived: { agreementId: mou.id, uploadedSha256: uploaded.json.sha256 },
    });
    expect(ok.json.signatures[0]).toMatchObject({ signer: 'Drs. Bramantyo Adiwinata', valid: true });
    const tampered = Buffer.from(mou.pdf);
    tampered[3000] = (tampered[3000] ?? 0) ^ 1;
    const bad = await verify(tampered);
    expect(bad.json.matchesArchivedCopy).toBe(false);
    expect(bad.json.signatures[0].valid).toBe(false);
    const page = await anonymous('GET', `/api/verify/${mou.id}`);
    expect(page.status).toBe(200);
    expect(page.json).toMatchObject({ agreementId: mou.id, sha256: ok.json.sha256 });
    expect(page.json).not.toHaveProperty('file');
  });

  it('finds archived agreements by partner name, country, type, field, unit, status and dates', async () => {
    const evaluator = as('evaluator');
    const find = async (query: string) =>
      (await evaluator('GET', `/api/archive?${query}`)).json.items.map(
        (i: { agreementId: string }) => i.agreementId,
      );
    expect(await find('q=queensland')).toContain(mou.id);
    expect(await find('q=Queensland%20Australia&country=AU&documentType=MOU')).toContain(mou.id);
    expect(await find('country=JP')).not.toContain(mou.id);
    expect(await find('field=education&category=KSDPL')).toContain(mou.id);
    expect(await find('field=health')).not.toContain(mou.id);
    expect(await find('unit=DISPAR&signedFrom=2019-08-01&signedTo=2019-08-31')).toContain(mou.id);
    expect(await find('signedFrom=2020-01-01')).not.toContain(mou.id);
    expect(await find('status=expired')).toContain(mou.id);
    expect(await find('status=active')).not.toContain(mou.id);
    expect(await find('validUntilFrom=2024-01-01&validUntilTo=2024-12-31')).toContain(mou.id);
    const opd = await as('disdik.penyusun')('GET', '/api/archive?q=queensland');
    expect(opd.json.items).toEqual([]);
    const bad = await evaluator('GET', '/api/archive?signedFrom=2019-02-30');
    expect(bad.status).toBe(400);
  });

  it('quarantines every bad file with a reason the uploader sees, and changes nothing', async () => {
    const pks = await signedByRegion('pks');
    for (const file of await badUploads()) {
      // The upload form's policy itself refuses an empty or oversize file (as S3 does): put those
      // past it, so that ingestion's own check is what refuses them.
      const outsideTheForm = file.bytes.length === 0 || file.bytes.length > MAX_UPLOAD_BYTES;
      const result = await (outsideTheForm ? putPastTheForm : upload)(pks.id, file.bytes);
      expect(result.status, file.name).toBe('quarantined');
      expect(result.reason, file.name).toMatch(file.reason);
    }
    const agreement = await biro()('GET', `/api/agreements/${pks.id}`);
    expect(agreement.json.status).toBe('ready_to_sign');
    expect((await as('evaluator')('GET', `/api/archive/${pks.id}`)).status).toBe(404);
  }, 120_000);

  it('archives once however often and in whatever order the events arrive', async () => {
    const loi = await signedByRegion('loi');
    const requests = await Promise.all([1, 2].map(() => biro()('POST', `/api/agreements/${loi.id}/uploads`)));
    const keys = requests.map((r) => `incoming/${loi.id}/${r.json.uploadId}.pdf`);
    const bucket = stack.env.INCOMING_BUCKET as string;
    const client = s3();
    const eventFor = (key: string) =>
      ({ Records: [{ s3: { bucket: { name: bucket }, object: { key, size: loi.pdf.length } } }] }) as never;
    // Objects put directly, so that the test delivers the events itself: twice, and the later upload first.
    for (const key of keys) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: loi.pdf, ContentType: 'application/pdf' }),
      );
    }
    await new Promise((r) => setTimeout(r, 300));
    const results = [];
    for (const key of [keys[1], keys[1], keys[0], keys[0]] as string[])
      results.push(...(await ingest(eventFor(key))).results);
    const statuses = await Promise.all(requests.map((r) => biro()('GET', `/api/uploads/${r.json.uploadId}`)));
    expect(statuses.filter((s) => s.json.status === 'accepted')).toHaveLength(1);
    expect(statuses.filter((s) => s.json.status === 'quarantined')).toHaveLength(1);
    expect(
      results.every((r) =>
        ['duplicate', 'quarantined', 'accepted'].includes((r as { outcome: string }).outcome),
      ),
    ).toBe(true);
    const events = (await biro()('GET', `/api/agreements/${loi.id}/history`)).json.events;
    expect(events.filter((e: { action: string }) => e.action === 'archive')).toHaveLength(1);
    const stray = `incoming/${loi.id}/not-an-upload.pdf`;
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: stray, Body: loi.pdf }));
    const malformed = await ingest(eventFor(stray));
    expect(malformed.results[0]).toMatchObject({ outcome: 'quarantined' });
  });

  it('links an archived LoI and the MoU that follows it, both ways', async () => {
    const loi = await signedByRegion('loi');
    expect((await upload(loi.id, loi.pdf)).status).toBe('accepted');
    const form = sampleFor('mou');
    form.parent = { agreementId: loi.id };
    const mouAfter = await signedByRegion('mou', form);
    expect((await upload(mouAfter.id, mouAfter.pdf)).status).toBe('accepted');
    const child = await as('evaluator')('GET', `/api/archive/${mouAfter.id}`);
    expect(child.json.parent).toMatchObject({ agreementId: loi.id, documentType: 'LOI' });
    const parent = await as('evaluator')('GET', `/api/archive/${loi.id}`);
    expect(parent.json.children).toEqual([
      expect.objectContaining({ agreementId: mouAfter.id, documentType: 'MOU' }),
    ]);
    expect(parent.json.childrenNextCursor).toBeUndefined();
    // The followers page through the search too; an OPD finds only its own unit's.
    const followers = await as('evaluator')('GET', `/api/archive?parent=${loi.id}&limit=1`);
    expect(followers.json.items.map((i: { agreementId: string }) => i.agreementId)).toEqual([mouAfter.id]);
    expect((await as('disdik.penyusun')('GET', `/api/archive?parent=${loi.id}`)).json.items).toEqual([]);
    const bad = await as('evaluator')('GET', '/api/archive?parent=not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.json.issues[0].path).toBe('parent');
  });

  it('gives upload forms whose signed policy binds the key, the PDF type and 1 byte to 25 MB for five minutes', async () => {
    const pks = await signedByRegion('pks');
    const asked = Date.now();
    const request = await biro()('POST', `/api/agreements/${pks.id}/uploads`);
    expect(request.status).toBe(201);
    const { uploadId, url, method, fields, expiresAt, maxBytes } = request.json;
    const key = `incoming/${pks.id}/${uploadId}.pdf`;
    expect(method).toBe('POST');
    expect(url).toBe(`${stack.env.AWS_ENDPOINT_URL_S3}/${stack.env.INCOMING_BUCKET}`);
    expect(maxBytes).toBe(MAX_UPLOAD_BYTES);
    expect(fields).toMatchObject({ key, 'Content-Type': 'application/pdf' });
    const policy = JSON.parse(Buffer.from(fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { key },
        { 'Content-Type': 'application/pdf' },
        { bucket: stack.env.INCOMING_BUCKET },
        ['content-length-range', 1, MAX_UPLOAD_BYTES],
      ]),
    );
    for (const at of [policy.expiration, expiresAt]) {
      expect(Date.parse(at) - asked).toBeGreaterThan(290_000);
      expect(Date.parse(at) - asked).toBeLessThanOrEqual(301_000);
    }
    expect(Object.keys(fields)).not.toContain('file');
  });

  it('refuses unread, after a HEAD, an oversize object or one not stored as a PDF that came past the form', async () => {
    const pks = await signedByRegion('pks');
    const good = await validPdf(1);
    const oversize = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    oversize.set(good);
    const tooBig = await putPastTheForm(pks.id, oversize);
    expect(tooBig).toMatchObject({
      status: 'quarantined',
      reason: 'the file is larger than 25 MB (25.1 MB)',
    });
    for (const type of ['image/jpeg', 'application/octet-stream']) {
      const mistyped = await putPastTheForm(pks.id, good, type);
      expect(mistyped.status, type).toBe('quarantined');
      expect(mistyped.reason, type).toBe(`the file was not uploaded as a PDF: its type is ${type}`);
    }
    expect((await biro()('GET', `/api/agreements/${pks.id}`)).json.status).toBe('ready_to_sign');
    // The same PDF through the form is taken: it was the size and type that were refused.
    expect((await upload(pks.id, good)).status).toBe('accepted');
  });

  it('stores the type the form signs, whatever type the browser gives the file', async () => {
    const pks = await signedByRegion('pks');
    // A browser that does not know the file's type sends it as octet-stream; S3 keeps the form's field.
    expect((await upload(pks.id, await validPdf(1), 'application/octet-stream')).status).toBe('accepted');
  });

  it('refuses upload requests from the wrong role or at the wrong moment', async () => {
    expect((await as('evaluator')('POST', `/api/agreements/${mou.id}/uploads`)).status).toBe(403);
    expect((await biro()('POST', `/api/agreements/${mou.id}/uploads`)).status).toBe(409);
  });
});
