import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { signatoryName } from '../../shared/documents/names.js';
import { pdfColumns, pdfText, squash } from '../support/pdf-text.js';
import { type SampleName, sampleFor as sample } from '../support/samples.js';
import { apiAs } from './support/api.js';
import { useEmbeddedStack } from './support/stack.js';

const stack = useEmbeddedStack();

const call = apiAs(stack, 'dispar.penyusun');
const callDisdik = apiAs(stack, 'disdik.penyusun');
const callAs = (name: SampleName) => (name === 'pks' ? callDisdik : call);

async function storedObjects(): Promise<string[]> {
  const s3 = new S3Client({ forcePathStyle: true });
  const out = await s3.send(new ListObjectsV2Command({ Bucket: process.env.DOCUMENTS_BUCKET }));
  return (out.Contents ?? []).map((o) => o.Key ?? '');
}

async function download(url: string): Promise<Buffer> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('drafting through the HTTP API on the embedded stack', () => {
  const created: Record<string, string> = {};

  beforeAll(async () => {
    for (const name of ['mou', 'pks', 'loi'] as SampleName[]) {
      const { status, json } = await callAs(name)('POST', '/api/agreements', sample(name));
      expect(status, JSON.stringify(json)).toBe(201);
      created[name] = json.id;
    }
  });

  it('creates a draft with id, version, status and links', async () => {
    const { status, json, res } = await call('POST', '/api/agreements', sample('mou'));
    expect(status).toBe(201);
    expect(json).toMatchObject({ version: 1, status: 'draft' });
    expect(json.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(res.headers.get('location')).toBe(`/api/agreements/${json.id}`);
    expect(json.links.pdf).toMatch(/X-Amz-Expires=300/);
    expect(json.links.docx).toMatch(/X-Amz-Signature=/);
  });

  it('serves the PDF and DOCX of each sample with every form value, in both languages', async () => {
    for (const name of ['mou', 'pks', 'loi'] as SampleName[]) {
      const form = sample(name);
      const { status, json } = await callAs(name)('GET', `/api/agreements/${created[name]}`);
      expect(status).toBe(200);
      expect(json.form).toEqual(form);
      expect(json.versions).toHaveLength(1);
      expect(json.versions[0]).toMatchObject({ templateId: name, templateVersion: 1 });
      const bilingual = form.languages.includes('en');
      const columns = await pdfColumns(await download(json.links.pdf), bilingual ? 2 : 1);
      const left = columns.left;
      const docx = squash((await mammoth.extractRawText({ buffer: await download(json.links.docx) })).value);
      const values = (lang: 'id' | 'en') => [
        form.title[lang],
        form.purpose[lang],
        ...form.scope.map((s: Record<string, string>) => s[lang]),
        ...form.parties.flatMap(
          (p: { name: Record<string, string>; signatory: { position: Record<string, string> } }) => [
            p.name[lang],
            p.signatory.position[lang],
          ],
        ),
      ];
      for (const value of values('id')) {
        expect(left).toContain(squash(value));
        expect(docx).toContain(squash(value));
      }
      if (bilingual) {
        for (const value of values('en')) {
          expect(columns.right).toContain(squash(value));
          expect(docx).toContain(squash(value));
        }
      }
      // Names in capitals, titles as written (issue 16): "Dr. H. TABRANI, M.Pd.", never "DR. H. TABRANI, M.PD.".
      for (const party of form.parties) expect(docx).toContain(squash(signatoryName(party.signatory.name)));
      if (name === 'pks') expect(docx).toContain(squash('Dr. H. TABRANI, M.Pd.'));
    }
  });

  it('revises a draft into a new version and keeps the old one', async () => {
    const id = created.pks;
    const form = sample('pks');
    form.scope.push({ id: 'publikasi hasil pelatihan dalam jurnal ilmiah' });
    const revised = await callDisdik('POST', `/api/agreements/${id}/versions`, form);
    expect(revised.status).toBe(201);
    expect(revised.json).toMatchObject({ id, version: 2, status: 'draft' });
    const { json } = await callDisdik('GET', `/api/agreements/${id}`);
    expect(json.currentVersion).toBe(2);
    expect(json.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const [v1, v2] = json.versions;
    expect(v1.sha256.pdf).not.toBe(v2.sha256.pdf);
    expect(await pdfText(await download(v2.links.pdf))).toContain('publikasi hasil pelatihan');
    expect(await pdfText(await download(v1.links.pdf))).not.toContain('publikasi hasil pelatihan');
  });

  it('lists newest first, filtered and paginated', async () => {
    const biro = apiAs(stack, 'biro.staf');
    const all = await biro('GET', '/api/agreements?limit=100');
    expect(all.status).toBe(200);
    const ids = all.json.items.map((a: { id: string }) => a.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(ids).toEqual(expect.arrayContaining(Object.values(created)));

    const pks = await biro('GET', '/api/agreements?documentType=PKS&unit=DISDIK&status=draft');
    expect(pks.json.items.map((a: { id: string }) => a.id)).toEqual([created.pks]);
    const foreign = await biro('GET', '/api/agreements?category=KSDLL');
    expect(foreign.json.items.map((a: { id: string }) => a.id)).toEqual([created.loi]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await biro('GET', `/api/agreements?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.items.map((a: { id: string }) => a.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it('refuses a cursor from another filter', async () => {
    const biro = apiAs(stack, 'biro.staf');
    const page = await biro('GET', '/api/agreements?limit=1');
    const other = await biro('GET', `/api/agreements?status=draft&cursor=${page.json.nextCursor}`);
    expect(other.status).toBe(400);
    expect(other.json.issues[0].path).toBe('cursor');
  });

  it('returns the same agreement for a retried create with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'retry-test-0001' };
    const first = await call('POST', '/api/agreements', sample('loi'), headers);
    const second = await call('POST', '/api/agreements', sample('loi'), headers);
    expect(first.status).toBe(201);
    expect(second.json.id).toBe(first.json.id);
  });

  it('links a MoU to its LoI and refuses a parent of the wrong type', async () => {
    const mou = sample('mou');
    mou.parent = { agreementId: created.loi };
    const ok = await call('POST', '/api/agreements', mou);
    expect(ok.status).toBe(201);
    expect(ok.json.agreement.parentId).toBe(created.loi);
    const pks = sample('pks');
    pks.parent = { agreementId: created.loi };
    const wrong = await callDisdik('POST', '/api/agreements', pks);
    expect(wrong.status).toBe(400);
    expect(wrong.json.issues[0].path).toBe('parent.agreementId');
  });

  it('previews a PDF without storing anything', async () => {
    const before = await storedObjects();
    const { res } = await call('POST', '/api/preview', sample('mou'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain('PRATINJAU / PREVIEW');
    expect(await storedObjects()).toEqual(before);
  });

  it('answers 404 for an unknown agreement', async () => {
    const res = await call('GET', '/api/agreements/01JBZZZZZZZZZZZZZZZZZZZZZZ');
    expect(res.status).toBe(404);
    expect(res.json.message.en).toMatch(/not found/);
    const revise = await call('POST', '/api/agreements/01JBZZZZZZZZZZZZZZZZZZZZZZ/versions', sample('mou'));
    expect(revise.status).toBe(404);
  });
});

describe('bad input stores nothing', () => {
  const cases: [string, string, () => unknown][] = [
    ['an unknown document type', 'documentType', () => ({ ...sample('mou'), documentType: 'MEMO' })],
    [
      'a missing required field',
      'purpose',
      () => {
        const f = sample('mou');
        delete f.purpose;
        return f;
      },
    ],
    ['an empty required field', 'title.id', () => ({ ...sample('mou'), title: { id: '', en: 'x' } })],
    ['a foreign category in one language', 'languages', () => ({ ...sample('mou'), languages: ['id'] })],
    ['one party', 'parties', () => ({ ...sample('mou'), parties: sample('mou').parties.slice(0, 1) })],
    [
      'a 2 MB text',
      'purpose.id',
      () => ({ ...sample('mou'), purpose: { id: 'x'.repeat(2_000_000), en: 'y' } }),
    ],
    [
      'markup in a text',
      'title.id',
      () => ({ ...sample('mou'), title: { id: '<script>x</script>', en: 'x' } }),
    ],
    [
      'a control character',
      'title.id',
      () => ({ ...sample('mou'), title: { id: 'Kerja\u0000Sama', en: 'x' } }),
    ],
    [
      'an impossible date',
      'signing.date',
      () => ({ ...sample('mou'), signing: { place: { id: 'a', en: 'b' }, date: '2025-02-30' } }),
    ],
    ['durationYears 0', 'durationYears', () => ({ ...sample('mou'), durationYears: 0 })],
    ['durationYears 100', 'durationYears', () => ({ ...sample('mou'), durationYears: 100 })],
  ];

  it.each(cases)('%s → 400 naming %s', async (_, path, form) => {
    const before = await storedObjects();
    const res = await call('POST', '/api/agreements', form());
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('validation_failed');
    const issue = res.json.issues.find((i: { path: string }) => i.path === path);
    expect(issue, JSON.stringify(res.json.issues)).toBeDefined();
    expect(issue.message.id).toBeTruthy();
    expect(issue.message.en).toBeTruthy();
    expect(await storedObjects()).toEqual(before);
  });

  it('malformed JSON → 400, wrong content type → 415', async () => {
    const bad = await call('POST', '/api/agreements', '{"documentType": "MOU",');
    expect(bad.status).toBe(400);
    const wrong = await call('POST', '/api/agreements', undefined, { 'content-type': 'text/plain' });
    expect(wrong.status).toBe(415);
  });
});
