import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoPeriodicReports } from '../../shared/adapters/aws/dynamo-periodic-reports.js';
import { S3FileStore } from '../../shared/adapters/aws/s3-file-store.js';
import { Table } from '../../shared/adapters/aws/table.js';
import { ConflictError } from '../../shared/errors.js';
import { parsePeriod } from '../../shared/evaluation/period.js';
import { ReportService } from '../../shared/evaluation/report-service.js';
import { verifyPdfSignatures } from '../../shared/signing/verify.js';
import { DRAFTER, type SampleName, sampleFor } from '../support/samples.js';
import { apiAs } from './support/api.js';
import { useEmbeddedStack } from './support/stack.js';

/**
 * Double clicks and concurrent users: several requests that each write files and then commit a
 * record pointing at them. Exactly one commits; the others get a 409 naming who got there first;
 * every file the committed records point at is there with its recorded SHA-256, and the losers
 * leave nothing behind.
 */
const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const s3 = () => new S3Client({ forcePathStyle: true });

async function objectsUnder(prefix: string): Promise<string[]> {
  const out = await s3().send(
    new ListObjectsV2Command({ Bucket: stack.env.DOCUMENTS_BUCKET, Prefix: prefix }),
  );
  return (out.Contents ?? []).map((o) => o.Key as string).sort();
}

async function object(key: string): Promise<Uint8Array> {
  const out = await s3().send(new GetObjectCommand({ Bucket: stack.env.DOCUMENTS_BUCKET, Key: key }));
  return (await out.Body?.transformToByteArray()) as Uint8Array;
}

/** The version items as stored: the keys each one points at. */
async function storedVersions(id: string) {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const out = await db.send(
    new QueryCommand({
      TableName: stack.env.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': `AGR#${id}`, ':v': 'VERSION#' },
    }),
  );
  return (out.Items ?? []) as {
    version: number;
    files: Record<'pdf' | 'docx', { key: string; sha256: string }>;
  }[];
}

async function download(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

async function act(username: string, id: string, body: Record<string, unknown>) {
  const res = await as(username)('POST', `/api/agreements/${id}/actions`, body);
  expect(res.status, `${username} ${body.action}: ${JSON.stringify(res.json)}`).toBe(200);
}

/** Fires `n` copies of one request at the same moment. */
const burst = <T>(n: number, call: () => Promise<T>) => Promise.all(Array.from({ length: n }, call));

const LETTER = (text: string) => ({
  name: 'Surat Kemendagri.pdf',
  contentBase64: Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`).toString('base64'),
});

describe('concurrent requests that write files, then commit a record', () => {
  it.each([2, 5])(
    '%i concurrent revisions of one draft: one version, 409s naming it, no orphan',
    async (n) => {
      const drafter = as(DRAFTER.pks.username);
      const created = await drafter('POST', '/api/agreements', sampleFor('pks'));
      expect(created.status).toBe(201);
      const id = created.json.id as string;
      const forms = Array.from({ length: n }, (_, i) => {
        const form = sampleFor('pks');
        form.scope.push({ id: `perubahan nomor ${i + 1}` });
        return form;
      });
      let i = 0;
      const results = await burst(n, () => drafter('POST', `/api/agreements/${id}/versions`, forms[i++]));
      const statuses = results.map((r) => r.status);
      expect(
        statuses.filter((s) => s === 201),
        JSON.stringify(statuses),
      ).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(n - 1);
      for (const loser of results.filter((r) => r.status === 409)) {
        expect(loser.json.error).toBe('conflict');
        expect(loser.json.message.en).toMatch(
          /^Version 2 was saved first by Kirana Puspitasari \(opd_drafter\) at \d{4}-\d\d-\d\dT.*: reload the draft/,
        );
        expect(loser.json.message.id).toMatch(/^Versi 2 sudah disimpan lebih dahulu oleh Kirana Puspitasari/);
        expect(loser.json.details).toMatchObject({
          action: 'revise',
          version: 2,
          decidedBy: { role: 'opd_drafter' },
        });
      }

      const view = await drafter('GET', `/api/agreements/${id}`);
      expect(view.json.currentVersion).toBe(2);
      expect(view.json.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      for (const v of view.json.versions) {
        expect(sha256(await download(v.links.pdf))).toBe(v.sha256.pdf);
        expect(sha256(await download(v.links.docx))).toBe(v.sha256.docx);
      }
      // The committed version holds the winner's form, not a loser's.
      expect(view.json.form).toEqual(forms[statuses.indexOf(201)]);

      const referenced = (await storedVersions(id))
        .flatMap((v) => [v.files.pdf.key, v.files.docx.key])
        .sort();
      expect(referenced.every((k) => /^agreements\/[0-9A-Z]{26}\/v\d\/[0-9A-Z]{26}\//.test(k))).toBe(true);
      expect(await objectsUnder(`agreements/${id}/`)).toEqual(referenced);

      const history = await drafter('GET', `/api/agreements/${id}/history`);
      expect(history.json.events.map((e: { action: string }) => e.action)).toEqual(['create', 'revise']);
      expect(history.json.chainIntact).toBe(true);
    },
  );

  /** A PKS (domestic route) brought to its signing step. */
  async function readyToSign(): Promise<string> {
    const created = await as(DRAFTER.pks.username)('POST', '/api/agreements', sampleFor('pks'));
    const id = created.json.id as string;
    await act(DRAFTER.pks.username, id, { action: 'submit', version: 1 });
    await act(DRAFTER.pks.head, id, { action: 'endorse', version: 1 });
    await act('biro.staf', id, { action: 'approve', version: 1 });
    await act('biro.kepala', id, { action: 'approve', version: 1 });
    await act('sekda', id, { action: 'initial', version: 1 });
    return id;
  }

  it.each([2, 4])(
    '%i concurrent signatures: one signed file, 409s naming the signer, no orphan',
    async (n) => {
      const id = await readyToSign();
      const gubernur = as('gubernur');
      const results = await burst(n, () => gubernur('POST', `/api/agreements/${id}/sign`, { version: 1 }));
      const statuses = results.map((r) => r.status);
      expect(
        statuses.filter((s) => s === 200),
        JSON.stringify(results.map((r) => r.json)),
      ).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(n - 1);
      for (const loser of results.filter((r) => r.status === 409)) {
        expect(loser.json.message.en).toMatch(
          /^Already decided by Drs. Bramantyo Adiwinata \(kepala_daerah\) at \d{4}-/,
        );
        expect(loser.json.details).toMatchObject({ action: 'sign', steps: ['head-sign'] });
      }

      const head = (await gubernur('GET', `/api/agreements/${id}`)).json;
      expect(head.signedDocument.signatures).toBe(1);
      const pdf = await object(head.signedDocument.key);
      expect(sha256(pdf)).toBe(head.signedDocument.sha256);
      expect(await verifyPdfSignatures(pdf)).toEqual([
        expect.objectContaining({
          signer: 'Drs. Bramantyo Adiwinata',
          valid: true,
          // Its validation data (B-LT) follows it.
          changesAfter: { kind: 'signatures' },
        }),
      ]);
      expect(head.signedDocument.key).toMatch(
        new RegExp(`^agreements/${id}/signed/[0-9A-Z]{26}/v1-1\\.pdf$`),
      );
      expect(await objectsUnder(`agreements/${id}/signed/`)).toEqual([head.signedDocument.key]);

      const history = await gubernur('GET', `/api/agreements/${id}/history`);
      const signs = history.json.events.filter((e: { action: string }) => e.action === 'sign');
      expect(signs).toHaveLength(1);
      expect(signs[0].attachment).toMatchObject({ key: head.signedDocument.key, name: 'v1-1.pdf' });
      expect(history.json.chainIntact).toBe(true);
    },
  );

  it('two concurrent consultation letters: the committed one is stored, the loser’s is gone', async () => {
    const name: SampleName = 'mou';
    const created = await as(DRAFTER[name].username)('POST', '/api/agreements', sampleFor(name));
    const id = created.json.id as string;
    await act(DRAFTER[name].username, id, { action: 'submit', version: 1 });
    await act(DRAFTER[name].head, id, { action: 'endorse', version: 1 });
    await act('biro.staf', id, { action: 'approve', version: 1 });
    await act('biro.kepala', id, { action: 'approve', version: 1 });
    const biro = as('biro.staf');
    let i = 0;
    const results = await burst(3, () =>
      biro('POST', `/api/agreements/${id}/actions`, {
        action: 'approve',
        version: 1,
        letter: LETTER(`${i++}`),
      }),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    for (const loser of results.filter((r) => r.status === 409)) {
      expect(loser.json.message.en).toMatch(/^Already decided by Galih Pramudya \(biro_staff\) at /);
    }
    const history = await biro('GET', `/api/agreements/${id}/history`);
    const consult = history.json.events.filter((e: { steps?: string[] }) =>
      e.steps?.includes('central-consult'),
    );
    expect(consult).toHaveLength(1);
    const { key, sha256: recorded } = consult[0].attachment;
    expect(sha256(await object(key))).toBe(recorded);
    expect(await objectsUnder(`agreements/${id}/letters/`)).toEqual([key]);
  });

  it('concurrent periodic reports: each stored one downloads with its SHA-256, nothing else is left', async () => {
    const biro = as('biro.staf');
    const results = await burst(3, () => biro('POST', '/api/reports', { period: '2025-S2' }));
    // Generated at different instants they are separate reports; at the same instant one is told.
    for (const r of results) expect([201, 409], JSON.stringify(r.json)).toContain(r.status);
    const listed = (await biro('GET', '/api/reports')).json.items.filter(
      (r: { period: string }) => r.period === '2025-S2',
    );
    expect(listed).toHaveLength(results.filter((r) => r.status === 201).length);
    const keys: string[] = [];
    for (const report of listed) {
      expect(sha256(await download(report.links.xlsx))).toBe(report.files.xlsx.sha256);
      expect(sha256(await download(report.links.pdf))).toBe(report.files.pdf.sha256);
      keys.push(report.files.xlsx.key, report.files.pdf.key);
    }
    expect(await objectsUnder('reports/2025-S2/')).toEqual(keys.sort());
  });

  it('two reports of one period at the same instant: the first stays, the second is told and leaves nothing', async () => {
    const clock = { now: () => new Date('2026-03-02T09:00:00.000Z') };
    const service = new ReportService({
      periodicReports: new DynamoPeriodicReports(new Table(stack.env.TABLE_NAME as string)),
      files: new S3FileStore(stack.env.DOCUMENTS_BUCKET as string),
      clock,
      regionName: async () => 'Provinsi Jawa Tengah',
    });
    const period = parsePeriod('2024') as NonNullable<ReturnType<typeof parsePeriod>>;
    const results = await Promise.allSettled([service.generate(period, 'a'), service.generate(period, 'b')]);
    const stored = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(stored).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(ConflictError);
    expect(refused[0].text.en).toMatch(
      /^A report of 2024 was generated at 2026-03-02T09:00:00.000Z just now/,
    );
    const { xlsx, pdf } = (stored[0] as (typeof stored)[number]).files;
    expect(sha256(await object(xlsx.key))).toBe(xlsx.sha256);
    expect(sha256(await object(pdf.key))).toBe(pdf.sha256);
    expect(await objectsUnder('reports/2024/')).toEqual([xlsx.key, pdf.key].sort());
  });
});
