import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event, SQSEvent } from 'aws-lambda';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { handler as draftBatch } from '../../functions/events/draft-batch.js';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import demoRegion from '../../infra/local/seed/demo-region.json' with { type: 'json' };
import { MAX_BATCH_BYTES, XLSX_TYPE } from '../../shared/batch/batches.js';
import { MAX_BATCH_ROWS } from '../../shared/batch/workbook.js';
import { PARTNER_COLUMNS, school, sharedRows, batchWorkbook as workbook } from '../support/batch-workbook.js';
import { sampleFor } from '../support/samples.js';
import { apiAs } from './support/api.js';
import { postForm } from './support/journey.js';
import { useEmbeddedStack } from './support/stack.js';

const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);
const drafter = () => as('disdik.penyusun');

const s3Event = (key: string): S3Event =>
  ({
    Records: [{ s3: { bucket: { name: stack.env.INCOMING_BUCKET }, object: { key } } }],
  }) as unknown as S3Event;

async function waitForBatch(batchId: string, by = drafter()) {
  for (let i = 0; i < 1200; i++) {
    const got = await by('GET', `/api/batches/${batchId}`);
    expect(got.status, JSON.stringify(got.json)).toBe(200);
    if (!['pending', 'running'].includes(got.json.status)) return got.json;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`batch ${batchId} did not finish within 120 s`);
}

/** Asks for a batch, uploads the workbook through its form as the web app would, and waits for it. */
async function upload(bytes: Uint8Array | string) {
  const ticket = await drafter()('POST', '/api/batches');
  expect(ticket.status, JSON.stringify(ticket.json)).toBe(201);
  const posted = await postForm(ticket.json, bytes, XLSX_TYPE);
  expect(posted.status, await posted.clone().text()).toBe(204);
  return { ticket: ticket.json, batch: await waitForBatch(ticket.json.batchId) };
}

/** How many agreements the DISDIK drafter sees: every one of the unit. */
async function countAgreements(): Promise<number> {
  let n = 0;
  let cursor: string | undefined;
  do {
    const page = await drafter()('GET', `/api/agreements?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    n += page.json.items.length;
    cursor = page.json.nextCursor;
  } while (cursor);
  return n;
}

/** The result workbook behind the batch's link, read back with exceljs: its header and rows as text. */
async function result(batch: { links: { result?: string } }) {
  expect(batch.links.result).toBeTruthy();
  const res = await fetch(batch.links.result as string);
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  const sheet = book.getWorksheet('result');
  if (!sheet) throw new Error('no result sheet');
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => String(v ?? '')));
  });
  const [header, ...body] = rows;
  return {
    header: header ?? [],
    rows: body.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? '']))),
  };
}

describe('asking for a batch', () => {
  it('gives an OPD drafter a presigned POST bound to batches/<batchId>.xlsx, XLSX and 5 MB; no one else', async () => {
    const asked = Date.now();
    const res = await drafter()('POST', '/api/batches');
    expect(res.status).toBe(201);
    const { batchId, url, method, fields, expiresAt, maxBytes } = res.json;
    expect(method).toBe('POST');
    expect(url).toBe(`${stack.env.AWS_ENDPOINT_URL_S3}/${stack.env.INCOMING_BUCKET}`);
    expect(maxBytes).toBe(MAX_BATCH_BYTES);
    expect(fields).toMatchObject({ key: `batches/${batchId}.xlsx`, 'Content-Type': XLSX_TYPE });
    const policy = JSON.parse(Buffer.from(fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(expect.arrayContaining([['content-length-range', 1, MAX_BATCH_BYTES]]));
    expect(Date.parse(expiresAt) - asked).toBeGreaterThan(290_000);
    expect((await drafter()('GET', `/api/batches/${batchId}`)).json).toMatchObject({
      batchId,
      status: 'pending',
      total: 0,
      done: 0,
      failed: 0,
      drafter: { unit: 'DISDIK' },
      links: {},
    });
    for (const user of ['disdik.kepala', 'biro.staf', 'biro.kepala', 'admin', 'evaluator']) {
      expect((await as(user)('POST', '/api/batches')).status, user).toBe(403);
    }
    // Only its drafter, the Biro and admins read it; anyone else is told it does not exist.
    for (const user of ['biro.staf', 'biro.kepala', 'admin']) {
      expect((await as(user)('GET', `/api/batches/${batchId}`)).status, user).toBe(200);
    }
    for (const user of ['dispar.penyusun', 'disdik.kepala', 'evaluator', 'sekda']) {
      expect((await as(user)('GET', `/api/batches/${batchId}`)).status, user).toBe(404);
    }
    expect((await drafter()('GET', '/api/batches/01JBZZZZZZZZZZZZZZZZZZZZZZ')).status).toBe(404);
  });
});

describe('a batch of 50 schools', () => {
  it('drafts 50 agreements once, whatever the deliveries of its event, and names each in the result workbook', async () => {
    const before = await countAgreements();
    const rows = Array.from({ length: 50 }, (_, i) => school(i + 1));
    const ticket = await drafter()('POST', '/api/batches');
    const key = ticket.json.fields.key;
    const posted = await postForm(ticket.json, await workbook({ rows }), XLSX_TYPE);
    expect(posted.status).toBe(204);
    // The upload fires the stack's own delivery; a duplicate delivery races with it.
    const racing = await draftBatch(s3Event(key));
    const batch = await waitForBatch(ticket.json.batchId);
    expect(batch).toMatchObject({ status: 'done', total: 50, done: 50, failed: 0 });
    expect(racing).toHaveProperty('results');
    // A late delivery, and a dead letter of an earlier failed one, arrive after it is done.
    const late = await draftBatch(s3Event(key));
    expect(late).toEqual({ results: [{ outcome: 'duplicate', batchId: ticket.json.batchId }] });
    const deadLetter = {
      Records: [
        {
          messageId: 'm1',
          eventSource: 'aws:sqs',
          body: JSON.stringify({
            requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
            requestPayload: s3Event(key),
            responsePayload: { errorType: 'Error', errorMessage: 'Task timed out after 900.00 seconds' },
          }),
        },
      ],
    } as unknown as SQSEvent;
    expect(await draftBatch(deadLetter)).toEqual({ batchItemFailures: [] });
    expect(await waitForBatch(ticket.json.batchId)).toMatchObject({ status: 'done', done: 50, failed: 0 });
    expect(await countAgreements()).toBe(before + 50);

    const { header, rows: outcomes } = await result(batch);
    expect(header.slice(0, 5)).toEqual(['row', 'status', 'agreement_id', 'error', 'galat']);
    expect(header.slice(5)).toEqual(PARTNER_COLUMNS);
    expect(outcomes.map((o) => o.row)).toEqual(rows.map((_, i) => String(i + 2)));
    expect(outcomes.every((o) => o.status === 'drafted' && o.error === '')).toBe(true);
    const ids = outcomes.map((o) => o.agreement_id);
    expect(new Set(ids).size).toBe(50);
    // Each row's agreement is that school's PKS, the region's party completed from its profile.
    for (const i of [0, 17, 49]) {
      const got = await drafter()('GET', `/api/agreements/${ids[i]}`);
      expect(got.status).toBe(200);
      expect(got.json).toMatchObject({
        status: 'draft',
        documentType: 'PKS',
        initiatingUnit: { code: 'DISDIK' },
      });
      const form = got.json.form;
      expect(form.parties[1].name.id).toBe(`SMA Negeri ${i + 1} Kota Contoh`);
      expect(form.parties[1].signatory.name).toBe(`Drs. Kepala Sekolah ${i + 1}, M.Pd.`);
      expect(form.parties[0].name.id).toBe(demoRegion.region.name.id);
      expect(form.title).toEqual(sampleFor('pks').title);
      expect(form.durationYears).toBe(2);
      expect(outcomes[i]?.['parties[1].name.id']).toBe(`SMA Negeri ${i + 1} Kota Contoh`);
    }
  }, 300_000);
});

describe('a row with mistakes', () => {
  it('is reported with its errors in both languages while the other rows are drafted', async () => {
    const before = await countAgreements();
    const noName = school(3);
    noName[2] = '';
    const foreign = school(4);
    foreign[1] = 'Indonesia';
    const { batch } = await upload(
      await workbook({ rows: [school(1), school(2), noName, foreign, school(5)] }),
    );
    expect(batch).toMatchObject({ status: 'done', total: 5, done: 3, failed: 2 });
    expect(await countAgreements()).toBe(before + 3);
    const { rows } = await result(batch);
    expect(rows.map((r) => [r.row, r.status])).toEqual([
      ['2', 'drafted'],
      ['3', 'drafted'],
      ['4', 'failed'],
      ['5', 'failed'],
      ['6', 'drafted'],
    ]);
    expect(rows[2]?.error).toContain('parties[1].signatory.name: is required');
    expect(rows[2]?.galat).toContain('parties[1].signatory.name: wajib diisi');
    expect(rows[3]?.error).toContain(
      'parties[1].country: unknown country code: use a two-letter ISO 3166-1 code, e.g. "ID", "AU", "JP"',
    );
    expect(rows[3]?.agreement_id).toBe('');
  }, 120_000);
});

describe('a workbook that cannot be drafted', () => {
  const refused = async (bytes: Uint8Array | string) => {
    const before = await countAgreements();
    const { batch } = await upload(bytes);
    expect(batch).toMatchObject({ status: 'refused', total: 0, done: 0, failed: 0, links: {} });
    expect(await countAgreements()).toBe(before);
    return batch.reason as { id: string; en: string };
  };

  it('is refused when it is not an XLSX', async () => {
    expect(await refused('documentType,category\nPKS,KSDPK\n')).toEqual({
      id: 'berkas ini bukan buku kerja XLSX yang dapat dibaca',
      en: 'the file is not a readable XLSX workbook',
    });
  });

  it('is refused without its sheets, with the sheet named', async () => {
    expect((await refused(await workbook({ shared: null }))).en).toBe(
      'there is no sheet "shared" (the sheets needed: "shared" and "partners")',
    );
  });

  it('is refused for headers that are not the expected ones, naming them', async () => {
    expect((await refused(await workbook({ sharedHeader: ['nama', 'isi'] }))).en).toBe(
      'sheet "shared": its first row must name the columns "field" and "value"',
    );
    expect((await refused(await workbook({ columns: [...PARTNER_COLUMNS, 'nama sekolah'] }))).en).toBe(
      'sheet "partners" column 6: "nama sekolah" is not a field of the form (e.g. title.id, parties[1].name.id, parties[1].signatory.name, scope[0].id)',
    );
    expect((await refused(await workbook({ columns: ['title.id'], rows: [['x']] }))).en).toMatch(
      /each row is one partner, so it needs the partner's columns/,
    );
    expect(
      (await refused(await workbook({ columns: [...PARTNER_COLUMNS, 'initiatingUnit.code'] }))).en,
    ).toMatch(/the initiating unit is the uploading drafter's own/);
    const noTitle = sharedRows().filter(([field]) => !field.startsWith('title.'));
    expect((await refused(await workbook({ shared: noTitle }))).en).toBe(
      'no field title in the sheet "shared" or "partners"',
    );
  });

  it(`is refused over ${MAX_BATCH_ROWS} rows`, async () => {
    const rows = Array.from({ length: MAX_BATCH_ROWS + 1 }, (_, i) => school(i + 1));
    expect((await refused(await workbook({ rows }))).en).toBe(
      `sheet "partners": ${MAX_BATCH_ROWS + 1} rows, at most ${MAX_BATCH_ROWS}: split it into several workbooks`,
    );
  });

  it('is refused unread over 5 MB when written past the form', async () => {
    const ticket = await drafter()('POST', '/api/batches');
    const big = Buffer.alloc(MAX_BATCH_BYTES + 1, 1);
    const posted = await postForm(ticket.json, big, XLSX_TYPE);
    expect(posted.status).toBe(400);
    expect(await posted.text()).toContain('EntityTooLarge');
    await new S3Client({ forcePathStyle: true }).send(
      new PutObjectCommand({ Bucket: stack.env.INCOMING_BUCKET, Key: ticket.json.fields.key, Body: big }),
    );
    const batch = await waitForBatch(ticket.json.batchId);
    expect(batch).toMatchObject({
      status: 'refused',
      reason: { en: `the file is over 5 MB (${big.length} bytes)` },
    });
  });

  it('is refused when its drafter was disabled before its event ran', async () => {
    const dispar = as('dispar.penyusun');
    const ticket = await dispar('POST', '/api/batches');
    expect(ticket.status).toBe(201);
    const user = DEMO_USERS.find((u) => u.username === 'dispar.penyusun');
    const off = await as('admin')('PATCH', `/api/admin/users/${user?.sub}`, { enabled: false });
    expect(off.status, JSON.stringify(off.json)).toBe(200);
    try {
      const posted = await postForm(ticket.json, await workbook(), XLSX_TYPE);
      expect(posted.status).toBe(204);
      const batch = await waitForBatch(ticket.json.batchId, as('biro.staf'));
      expect(batch).toMatchObject({
        status: 'refused',
        done: 0,
        reason: { en: 'Your account is disabled: contact the administrator to enable it again' },
      });
    } finally {
      await as('admin')('PATCH', `/api/admin/users/${user?.sub}`, { enabled: true });
    }
  });

  it('is marked failed when drafting failed every retry, with what to do', async () => {
    const ticket = await drafter()('POST', '/api/batches');
    const deadLetter = {
      Records: [
        {
          messageId: 'm2',
          eventSource: 'aws:sqs',
          body: JSON.stringify({
            requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
            requestPayload: s3Event(ticket.json.fields.key),
            responsePayload: { errorType: 'Error', errorMessage: 'Task timed out after 900.00 seconds' },
          }),
        },
      ],
    } as unknown as SQSEvent;
    await draftBatch(deadLetter);
    const batch = await waitForBatch(ticket.json.batchId);
    expect(batch.status).toBe('failed');
    expect(batch.reason.en).toMatch(/took longer than allowed/);
  });
});
