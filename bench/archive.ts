import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  PDFName,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';
import { ingestionService } from '../functions/wiring/ingestion.js';
import { DEMO_USERS } from '../infra/local/demo-users.js';
import type { EmbeddedStack } from '../infra/local/stack.js';
import { inspectPdf } from '../shared/archive/inspect-pdf.js';
import { verifyPdfSignatures } from '../shared/signing/verify.js';
import { decompressionBomb } from '../test/support/hostile-pdfs.js';
import { sampleFor } from '../test/support/samples.js';
import { inspectPdf as previousInspect } from './baseline/inspect-pdf.js';
import { verifyPdfSignatures as previousVerify } from './baseline/verify.js';
import { compare, report, summarise } from './stats.js';

const token = (stack: EmbeddedStack, username: string) =>
  stack.auth.issue(DEMO_USERS.find((u) => u.username === username) as (typeof DEMO_USERS)[number]);

async function call(stack: EmbeddedStack, username: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${await token(stack, username)}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * A scanned agreement as a scanner's software writes it: four A4 pages, each one large image (two
 * JPEG, two Flate-compressed), about 5 MB in all, its dictionaries in compressed object streams.
 * Random bytes stand in for the image data: nothing decodes images, and each file is unique.
 */
export async function scan(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < 4; i++) {
    const page = pdf.addPage([595, 842]);
    const jpeg = i % 2 === 0;
    const image = pdf.context.register(
      pdf.context.stream(jpeg ? randomBytes(1_300_000) : deflateSync(randomBytes(1_300_000)), {
        Type: 'XObject',
        Subtype: 'Image',
        Width: 2480,
        Height: 3508,
        ColorSpace: jpeg ? 'DeviceRGB' : 'DeviceGray',
        BitsPerComponent: 8,
        Filter: jpeg ? 'DCTDecode' : 'FlateDecode',
      }),
    );
    page.node.setXObject(PDFName.of('Scan'), image);
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(595, 0, 0, 842, 0, 0),
      drawObject('Scan'),
      popGraphicsState(),
    );
  }
  return pdf.save({ useObjectStreams: true });
}

/** The upload checks alone, before and after issue 11: inspection and the signature scan. */
export async function checksBench(runs = 30) {
  const bytes = await scan();
  return compare(
    `inspect + signatures, ${(bytes.length / 1024 / 1024).toFixed(1)} MB scan`,
    runs,
    async () => {
      const inspection = await previousInspect(bytes);
      if (!inspection.ok) throw new Error(inspection.reason);
      await previousVerify(bytes, []);
    },
    async () => {
      const inspection = inspectPdf(bytes);
      if (!inspection.ok) throw new Error(inspection.reason);
      await verifyPdfSignatures(inspection.pdf, []);
    },
  );
}

/** A 1 MB file that inflates to 1 GiB, refused: time and the peak memory it added. */
export function bombBench() {
  const bytes = decompressionBomb();
  const before = process.resourceUsage().maxRSS;
  const start = performance.now();
  const result = inspectPdf(bytes);
  const ms = performance.now() - start;
  if (result.ok) throw new Error('the bomb was accepted');
  console.log(
    `${'refuse a 1 MB → 1 GiB decompression bomb'.padEnd(44)} ${ms.toFixed(1).padStart(7)} ms   peak memory +${((process.resourceUsage().maxRSS - before) / 1024).toFixed(0)} MB`,
  );
}

/** Ingestion of a 5 MB scan: S3 HEAD and read, checks, hash, signature scan, archive write and the transaction. */
export async function ingestionBench(stack: EmbeddedStack, runs = 20) {
  // The handler's own wiring: the embedded stack has set the environment it reads.
  const ingestion = ingestionService();
  const s3 = new S3Client({ forcePathStyle: true });
  const samples: number[] = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    const { id } = (await call(stack, 'disdik.penyusun', 'POST', '/api/agreements', sampleFor('pks'))) as {
      id: string;
    };
    for (const [user, action] of [
      ['disdik.penyusun', 'submit'],
      ['disdik.kepala', 'endorse'],
      ['biro.staf', 'approve'],
      ['biro.kepala', 'approve'],
      ['sekda', 'initial'],
    ]) {
      await call(stack, user as string, 'POST', `/api/agreements/${id}/actions`, { action, version: 1 });
    }
    const { uploadId } = (await call(stack, 'biro.staf', 'POST', `/api/agreements/${id}/uploads`)) as {
      uploadId: string;
    };
    const key = `incoming/${id}/${uploadId}.pdf`;
    // Each agreement's scan is its own file: the archive refuses the same file twice.
    const bytes = await scan();
    size = bytes.length;
    // Written straight to the bucket without the embedded stack's event: the bench times the call itself.
    await s3.send(
      new PutObjectCommand({
        Bucket: 'bench-incoming',
        Key: key,
        Body: bytes,
        ContentType: 'application/pdf',
      }),
    );
    const start = performance.now();
    const result = await ingestion.ingest('bench-incoming', key);
    samples.push(performance.now() - start);
    if (result.outcome !== 'accepted') throw new Error(`ingestion: ${JSON.stringify(result)}`);
  }
  report(`ingest a ${(size / 1024 / 1024).toFixed(1)} MB scan`, samples, '≤ 300 ms median');
  return summarise(samples).median;
}

const COUNTRIES = ['JP', 'AU', 'KR', 'CN', 'MY', 'SG', 'NL', 'DE', 'FR', 'US'];
const FIELDS = ['education', 'health', 'tourism', 'culture', 'trade_investment', 'environment'];
const PARTNERS = [
  'Shizuoka',
  'Queensland',
  'Kitakyushu',
  'Chungcheongbuk',
  'Fujian',
  'Penang',
  'Utrecht',
  'Bavaria',
];

/**
 * Search over 100,000 archived agreements. Only the index entries the queries start from are seeded
 * (all, country, field and partner name): a query reads one index partition, whatever else is stored.
 */
export async function archiveSearchBench(stack: EmbeddedStack, records = 100_000, runs = 100) {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 10 }));
  const table = stack.env.TABLE_NAME as string;
  const items = function* () {
    for (let i = 0; i < records; i++) {
      const id = `ARCH${String(i).padStart(22, '0')}`;
      const country = COUNTRIES[i % COUNTRIES.length] as string;
      const field = FIELDS[i % FIELDS.length] as string;
      const partner = PARTNERS[i % PARTNERS.length] as string;
      const signedAt = new Date(Date.UTC(2015, 0, 1) + (i % 4000) * 86_400_000).toISOString().slice(0, 10);
      const validUntil = `${Number(signedAt.slice(0, 4)) + 5}${signedAt.slice(4)}`;
      const summary = {
        agreementId: id,
        title: { id: `Kerja sama ${partner} ${i}` },
        documentType: i % 3 === 0 ? 'MOU' : i % 3 === 1 ? 'PKS' : 'LOI',
        category: 'KSDPL',
        parties: [
          { name: { id: 'Pemerintah Provinsi' }, country: 'ID' },
          { name: { id: partner }, country },
        ],
        countries: [country],
        fields: [field],
        signedAt,
        validFrom: signedAt,
        validUntil,
        unitCode: i % 2 ? 'DISDIK' : 'DISPAR',
        nameTokens: [partner.toLowerCase()],
      };
      for (const facet of ['ALL', `COUNTRY#${country}`, `FIELD#${field}`, `NAME#${partner.toLowerCase()}`]) {
        yield {
          pk: `AGR#${id}`,
          sk: `FACET#${facet}`,
          archiveKey: facet,
          archiveSort: `${signedAt}#${id}`,
          ...summary,
        };
      }
    }
  };
  const started = performance.now();
  let batch: Record<string, unknown>[] = [];
  const pending: Promise<unknown>[] = [];
  for (const item of items()) {
    batch.push({ PutRequest: { Item: item } });
    if (batch.length === 25) {
      pending.push(db.send(new BatchWriteCommand({ RequestItems: { [table]: batch } })));
      batch = [];
      if (pending.length === 16) await Promise.all(pending.splice(0));
    }
  }
  await Promise.all(pending);
  console.log(`seeded ${records} archive records in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const evaluator = await token(stack, 'evaluator');
  const queries = [
    '/api/archive',
    '/api/archive?country=JP&documentType=MOU',
    '/api/archive?q=queensland&signedFrom=2018-01-01&signedTo=2020-12-31',
    '/api/archive?field=health&status=expired&order=asc',
  ];
  const samples: number[] = [];
  for (let i = 0; i < runs + 10; i++) {
    const path = queries[i % queries.length] as string;
    const start = performance.now();
    const res = await fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${evaluator}` } });
    const json = (await res.json()) as { items: unknown[] };
    const ms = performance.now() - start;
    if (res.status !== 200 || json.items.length === 0) throw new Error(`${path}: ${res.status}`);
    if (i >= 10) samples.push(ms);
  }
  report(`archive search, ${records} archived records`, samples, '≤ 30 ms median');
}
