import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { handler as checkFailed } from '../../functions/events/template-check-failed.js';
import { handler as validateTemplate } from '../../functions/events/validate-template.js';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import type { TemplateFile } from '../../shared/documents/template.js';
import { MAX_TEMPLATE_BYTES } from '../../shared/template-library/candidates.js';
import { sampleFor } from '../support/samples.js';
import { apiAs } from './support/api.js';
import { postForm } from './support/journey.js';
import { useEmbeddedStack } from './support/stack.js';

const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);
const head = () => as('biro.kepala');
/** A demo user's name as the demo region stores it. */
function nameOf(username: string): string {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user.name;
}
const admin = () => as('admin');
const s3 = () => new S3Client({ forcePathStyle: true });

const MOU_TEXT = readFileSync(new URL('../../templates/mou.yaml', import.meta.url), 'utf8');
const mou = (): TemplateFile => parse(MOU_TEXT);
const PKS_TEXT = readFileSync(new URL('../../templates/pks.yaml', import.meta.url), 'utf8');

/** The PKS with one month's notice instead of three. */
function revisedPks(): TemplateFile {
  const t: TemplateFile = parse(PKS_TEXT);
  const notice = t.articles.find((a) => a.key === 'duration')?.clauses.at(-1);
  if (!notice?.en?.includes('3 (three) months')) throw new Error('the PKS has no notice clause');
  notice.id = notice.id.replace('3 (tiga) bulan', '1 (satu) bulan');
  notice.en = notice.en.replace('3 (three) months', '1 (one) month');
  return t;
}

/** The MoU with three months' notice instead of six, and a new optional article on confidentiality. */
function revisedMou(): TemplateFile {
  const t = mou();
  const duration = t.articles.find((a) => a.key === 'duration');
  const notice = duration?.clauses.at(-1);
  if (!notice?.en) throw new Error('the MoU has no notice clause');
  notice.id = notice.id.replace('6 (enam) bulan', '3 (tiga) bulan');
  notice.en = notice.en.replace('6 (six) months', '3 (three) months');
  t.articles.splice(t.articles.length - 1, 0, {
    key: 'confidentiality',
    heading: { id: 'KERAHASIAAN', en: 'CONFIDENTIALITY' },
    optional: true,
    clauses: [
      {
        id: 'PARA PIHAK menjaga kerahasiaan data dan informasi yang dipertukarkan dalam {documentName} ini.',
        en: 'THE PARTIES shall keep confidential the data and information exchanged under this {documentName}.',
      },
    ],
  });
  return t;
}

async function waitForCheck(candidateId: string) {
  for (let i = 0; i < 400; i++) {
    const got = await head()('GET', `/api/templates/candidates/${candidateId}`);
    expect(got.status, JSON.stringify(got.json)).toBe(200);
    if (got.json.status !== 'pending') return got.json;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the template was not checked within 20 s');
}

/** Uploads a template file through the presigned form as the web app would, and waits for its check. */
async function upload(text: string, by = head()) {
  const ticket = await by('POST', '/api/templates/uploads');
  expect(ticket.status, JSON.stringify(ticket.json)).toBe(201);
  const posted = await postForm(ticket.json, text, 'application/x-yaml');
  expect(posted.status, await posted.clone().text()).toBe(204);
  return waitForCheck(ticket.json.candidateId);
}

const activeVersions = async () =>
  Object.fromEntries(
    (await head()('GET', '/api/templates')).json.active.map(
      (a: { documentType: string; version: number }) => [a.documentType, a.version],
    ),
  );

const download = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());
/** The PDF's text as poppler reads it, words rejoined where a line broke them (soft hyphens). */
const pdfText = (pdf: Uint8Array) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf })
    .toString()
    .replace(/\u00AD\n/g, '')
    .replace(/\s+/g, ' ');

const s3Event = (key: string): S3Event =>
  ({
    Records: [{ s3: { bucket: { name: stack.env.INCOMING_BUCKET }, object: { key } } }],
  }) as unknown as S3Event;

describe('template uploads', () => {
  it('gives Biro heads and admins a presigned POST bound to templates/<candidateId>.yaml and 1 MB', async () => {
    const asked = Date.now();
    const res = await head()('POST', '/api/templates/uploads');
    expect(res.status).toBe(201);
    const { candidateId, url, method, fields, expiresAt, maxBytes } = res.json;
    expect(method).toBe('POST');
    expect(url).toBe(`${stack.env.AWS_ENDPOINT_URL_S3}/${stack.env.INCOMING_BUCKET}`);
    expect(maxBytes).toBe(MAX_TEMPLATE_BYTES);
    expect(fields).toMatchObject({
      key: `templates/${candidateId}.yaml`,
      'Content-Type': 'application/yaml',
    });
    const policy = JSON.parse(Buffer.from(fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([['content-length-range', 1, MAX_TEMPLATE_BYTES]]),
    );
    expect(Date.parse(expiresAt) - asked).toBeGreaterThan(290_000);
    expect((await head()('GET', `/api/templates/candidates/${candidateId}`)).json).toMatchObject({
      status: 'pending',
      uploadedBy: { name: nameOf('biro.kepala'), role: 'biro_head' },
    });
    expect((await admin()('POST', '/api/templates/uploads')).status).toBe(201);
    for (const user of ['biro.staf', 'disdik.penyusun', 'sekda', 'evaluator']) {
      expect((await as(user)('POST', '/api/templates/uploads')).status, user).toBe(403);
    }
    for (const user of ['disdik.penyusun', 'evaluator']) {
      expect((await as(user)('GET', '/api/templates')).status, user).toBe(403);
    }
    const schema = await as('disdik.penyusun')('GET', '/api/templates/schema');
    expect(schema.status).toBe(200);
    expect(schema.json).toEqual(
      JSON.parse(readFileSync(new URL('../../templates/template.schema.json', import.meta.url), 'utf8')),
    );
  });

  it.each([
    [
      'lacks a required article',
      () => ({ ...mou(), articles: mou().articles.filter((a) => a.key !== 'forceMajeure') }),
      [{ article: 'forceMajeure', en: 'the article "forceMajeure" is required in every MOU' }],
    ],
    [
      'uses an unknown placeholder',
      () => {
        const t = mou();
        (t.articles[1]?.clauses[0] as { id: string }).id += ' {lampiran}';
        return t;
      },
      [
        {
          article: 'scope',
          clause: 1,
          path: 'articles[1].clauses[0].id',
          en: /^unknown placeholder \{lampiran\}/,
        },
      ],
    ],
    [
      'misses the English text of a bilingual clause',
      () => {
        const t = mou();
        const clause = t.articles[5]?.clauses[1];
        if (clause) delete clause.en;
        return t;
      },
      [{ article: 'forceMajeure', clause: 2, en: /^the English text \(en\) is missing/ }],
    ],
  ])('refuses a template that %s, naming article, clause and line', async (_, make, expected) => {
    const text = stringify(make());
    const candidate = await upload(text);
    expect(candidate.status).toBe('refused');
    expect(candidate.report.samples).toEqual([]);
    expect(candidate.report.problems).toHaveLength(expected.length);
    expected.forEach(({ en, ...where }, i) => {
      const found = candidate.report.problems[i];
      expect(found).toMatchObject(where);
      expect(found.line).toBeGreaterThan(0);
      expect(found.message.en).toMatch(en);
      expect(found.message.id).toBeTruthy();
    });
    expect(
      (await admin()('POST', `/api/templates/candidates/${candidate.candidateId}/activate`)).status,
    ).toBe(409);
    expect(await activeVersions()).toEqual({ LOI: 1, MOU: 1, PKS: 1 });
  });

  it('refuses a YAML syntax error with its line', async () => {
    const lines = MOU_TEXT.split('\n');
    const at = lines.findIndex((l) => l.includes('- key: scope'));
    lines.splice(at + 1, 0, '    heading: [unclosed');
    const candidate = await upload(lines.join('\n'));
    expect(candidate.status).toBe('refused');
    // YAML finds the flow sequence unclosed where the next line starts.
    expect(candidate.report.problems[0]).toMatchObject({ section: 'file' });
    expect([at + 2, at + 3]).toContain(candidate.report.problems[0].line);
    expect(candidate.report.problems[0].message.en).toMatch(/^YAML syntax error/);
  });

  it('refuses a file over 1 MB: S3 refuses it through the form, the check unread past it', async () => {
    const big = `${MOU_TEXT}\n#${'x'.repeat(MAX_TEMPLATE_BYTES)}\n`;
    const ticket = await head()('POST', '/api/templates/uploads');
    const posted = await postForm(ticket.json, big, 'application/yaml');
    expect(posted.status).toBe(400);
    expect(await posted.text()).toContain('EntityTooLarge');
    // Written with the stack's own credentials, past the form's policy.
    await s3().send(
      new PutObjectCommand({ Bucket: stack.env.INCOMING_BUCKET, Key: ticket.json.fields.key, Body: big }),
    );
    const candidate = await waitForCheck(ticket.json.candidateId);
    expect(candidate).toMatchObject({ status: 'refused', size: Buffer.byteLength(big) });
    expect(candidate.report.problems).toEqual([
      {
        section: 'file',
        message: { id: expect.any(String), en: `the file is over 1 MB (${Buffer.byteLength(big)} bytes)` },
      },
    ]);
    expect(await activeVersions()).toEqual({ LOI: 1, MOU: 1, PKS: 1 });
  });

  it('checks each upload once, however often or concurrently its event comes', async () => {
    const ticket = await head()('POST', '/api/templates/uploads');
    const key = ticket.json.fields.key;
    const text = stringify(revisedMou());
    // The write fires the stack's own event; two more deliveries of it race with it.
    await s3().send(new PutObjectCommand({ Bucket: stack.env.INCOMING_BUCKET, Key: key, Body: text }));
    const outcomes = await Promise.all([validateTemplate(s3Event(key)), validateTemplate(s3Event(key))]);
    const candidate = await waitForCheck(ticket.json.candidateId);
    expect(candidate.status).toBe('valid');
    expect(
      outcomes.flatMap((o) => o.results).filter((r) => r.outcome === 'valid').length,
    ).toBeLessThanOrEqual(1);
    const again = await validateTemplate(s3Event(key));
    expect(again.results).toEqual([{ outcome: 'duplicate', candidateId: ticket.json.candidateId }]);
    expect((await waitForCheck(ticket.json.candidateId)).checkedAt).toBe(candidate.checkedAt);
    // Only the samples the verdict names are stored: a losing check removed its own.
    const listed = await s3().send(
      new ListObjectsV2Command({
        Bucket: stack.env.DOCUMENTS_BUCKET,
        Prefix: `templates/${ticket.json.candidateId}/`,
      }),
    );
    const named = candidate.report.samples.flatMap((s: { pdf: { key: string }; docx: { key: string } }) => [
      s.pdf.key,
      s.docx.key,
    ]);
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual(named.sort());
    // A check that failed every retry refuses a pending candidate, and leaves a decided one alone.
    const failure = (k: string) => ({
      Records: [
        {
          messageId: 'm1',
          body: JSON.stringify({
            requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
            requestPayload: s3Event(k),
            responsePayload: { errorType: 'Error', errorMessage: 'Task timed out after 60.00 seconds' },
          }),
        },
      ],
    });
    await checkFailed(failure(key) as never);
    expect((await waitForCheck(ticket.json.candidateId)).status).toBe('valid');
    const stuck = await head()('POST', '/api/templates/uploads');
    await checkFailed(failure(stuck.json.fields.key) as never);
    const refused = await waitForCheck(stuck.json.candidateId);
    expect(refused.report.problems[0].message.en).toMatch(/checking it took longer than allowed/);
  });
});

describe('a template version, from upload to drafts', () => {
  it('is checked, activated by a second person, drafted with, and shown in the version diff', async () => {
    const drafter = as('dispar.penyusun');
    const older = await drafter('POST', '/api/agreements', sampleFor('mou'));
    expect(older.status).toBe(201);
    const versionsOf = async (agreementId: string) =>
      (await drafter('GET', `/api/agreements/${agreementId}`)).json.versions.map(
        (v: { templateVersion: number }) => v.templateVersion,
      );
    expect(await versionsOf(older.json.id)).toEqual([1]);

    const candidate = await upload(stringify(revisedMou()));
    expect(candidate.status, JSON.stringify(candidate.report.problems)).toBe('valid');
    expect(candidate).toMatchObject({ documentType: 'MOU', basedOn: 1, report: { problems: [] } });
    expect(
      candidate.report.samples.map(
        (s: { category: string; languages: string[] }) => `${s.category}:${s.languages}`,
      ),
    ).toEqual(['KSDD:id', 'KSDD:id,en', 'KSDPK:id', 'KSDPK:id,en', 'KSDPL:id,en', 'KSDLL:id,en']);
    const foreign = candidate.report.samples[4];
    const samplePdf = await download(foreign.links.pdf);
    expect(foreign.pdf.pages).toBeGreaterThan(2);
    expect(pdfText(samplePdf)).toContain('3 (tiga) bulan');
    expect(pdfText(samplePdf)).toContain('CONFIDENTIALITY');
    const docx = await download(foreign.links.docx);
    expect((await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value).toContain('3 (three) months');
    expect(candidate.diff).toEqual([
      expect.objectContaining({
        article: 'duration',
        status: 'changed',
        clauses: [expect.objectContaining({ status: 'changed', before: 4, after: 4 })],
      }),
      expect.objectContaining({ article: 'confidentiality', status: 'added' }),
    ]);
    const words = candidate.diff[0].clauses[0].changes.id;
    const removed = words
      .filter((c: { removed?: boolean }) => c.removed)
      .map((c: { value: string }) => c.value);
    const added = words.filter((c: { added?: boolean }) => c.added).map((c: { value: string }) => c.value);
    expect([removed, added]).toEqual([
      ['6', 'enam'],
      ['3', 'tiga'],
    ]);

    const id = `/api/templates/candidates/${candidate.candidateId}/activate`;
    const own = await head()('POST', id);
    expect(own.status).toBe(403);
    expect(own.json.message.en).toMatch(/another Biro head or admin \(four eyes\)/);
    expect((await as('biro.staf')('POST', id)).status).toBe(403);
    const activated = await admin()('POST', id);
    expect(activated.status, JSON.stringify(activated.json)).toBe(200);
    expect(activated.json).toMatchObject({
      documentType: 'MOU',
      version: 2,
      activatedBy: { name: nameOf('admin') },
    });
    expect((await admin()('POST', id)).status).toBe(409);
    expect(await activeVersions()).toEqual({ LOI: 1, MOU: 2, PKS: 1 });
    expect((await waitForCheck(candidate.candidateId)).status).toBe('active');
    const log = await admin()('GET', '/api/admin/log');
    expect(log.json.items[0]).toMatchObject({
      action: 'template.activate',
      target: { kind: 'template', id: 'MOU/v2' },
      before: { version: 1 },
      after: { version: 2, candidateId: candidate.candidateId },
    });

    // A new draft takes version 2; the older draft keeps version 1, also when revised.
    const newer = await drafter('POST', '/api/agreements', sampleFor('mou'));
    expect(await versionsOf(newer.json.id)).toEqual([2]);
    expect(
      pdfText(
        await download((await drafter('GET', `/api/agreements/${newer.json.id}`)).json.versions[0].links.pdf),
      ),
    ).toContain('KERAHASIAAN');
    const kept = await drafter('POST', `/api/agreements/${older.json.id}/versions`, sampleFor('mou'));
    expect(kept.status, JSON.stringify(kept.json)).toBe(201);
    const moved = await drafter('POST', `/api/agreements/${older.json.id}/versions`, {
      ...sampleFor('mou'),
      templateVersion: 'latest',
    });
    expect(moved.status, JSON.stringify(moved.json)).toBe(201);
    expect(await versionsOf(older.json.id)).toEqual([1, 1, 2]);
    const unknown = await drafter('POST', `/api/agreements/${older.json.id}/versions`, {
      ...sampleFor('mou'),
      templateVersion: 7,
    });
    expect(unknown.status).toBe(400);

    // The same form on two template versions: the diff shows what the template changed.
    const diff = await drafter('GET', `/api/agreements/${older.json.id}/diff?from=2&to=3`);
    expect(diff.status).toBe(200);
    expect(diff.json.templateVersions).toEqual({ from: 1, to: 2 });
    const changed = diff.json.sections.filter((s: { status: string }) => s.status !== 'unchanged');
    expect(changed.map((s: { section: string; status: string }) => `${s.section}:${s.status}`)).toEqual([
      'duration:changed',
      'confidentiality:added',
    ]);
    const durationWords = changed[0].changes.id
      .filter((c: { added?: boolean }) => c.added)
      .map((c: { value: string }) => c.value)
      .join('');
    expect(durationWords).toContain('tiga');
    expect(
      (await drafter('GET', `/api/agreements/${older.json.id}/diff?from=1&to=2`)).json.sections.every(
        (s: { status: string }) => s.status === 'unchanged',
      ),
    ).toBe(true);
  });

  it('lets only one of two activations against the same version win', async () => {
    const [first, second] = [
      await upload(stringify(revisedMou()), admin()),
      await upload(stringify(mou()), admin()),
    ];
    expect([first.status, first.basedOn, second.status, second.basedOn]).toEqual(['valid', 2, 'valid', 2]);
    const results = await Promise.all(
      [first, second].map((c) => head()('POST', `/api/templates/candidates/${c.candidateId}/activate`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = results.find((r) => r.status === 409);
    expect(lost?.json.message.en).toMatch(
      /Version 3 of the MOU template was activated after this one was checked against version 2/,
    );
    expect(await activeVersions()).toEqual({ LOI: 1, MOU: 3, PKS: 1 });
    const list = await head()('GET', '/api/templates?limit=2');
    expect(list.json.candidates).toHaveLength(2);
    expect(list.json.nextCursor).toBeTruthy();
    expect(list.json.candidates[0]).not.toHaveProperty('template');
    expect((await head()('GET', `/api/templates?cursor=${list.json.nextCursor}`)).status).toBe(200);
    expect((await head()('GET', '/api/templates?cursor=bogus')).status).toBe(400);
    expect((await head()('GET', '/api/templates/candidates/not-an-id')).status).toBe(404);
  });

  it('numbers a draft at the Biro head’s approval with the template version it was drafted with', async () => {
    const act = async (username: string, id: string, action: string) => {
      const res = await as(username)('POST', `/api/agreements/${id}/actions`, { action, version: 1 });
      expect(res.status, `${username} ${action}: ${JSON.stringify(res.json)}`).toBe(200);
    };
    const drafter = as('disdik.penyusun');
    const created = await drafter('POST', '/api/agreements', sampleFor('pks'));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.id as string;
    await act('disdik.penyusun', id, 'submit');
    await act('disdik.kepala', id, 'endorse');
    await act('biro.staf', id, 'approve');

    // While the draft waits for the Biro head, a PKS with one month's notice comes into force.
    const candidate = await upload(stringify(revisedPks()), admin());
    expect(candidate.status, JSON.stringify(candidate.report.problems)).toBe('valid');
    const activated = await head()('POST', `/api/templates/candidates/${candidate.candidateId}/activate`);
    expect(activated.status, JSON.stringify(activated.json)).toBe(200);
    const inForce = await drafter('POST', '/api/agreements', sampleFor('pks'));
    const newer = (await drafter('GET', `/api/agreements/${inForce.json.id}`)).json.versions[0];
    expect(newer.templateVersion).toBe(activated.json.version);
    expect(pdfText(await download(newer.links.pdf))).toContain('1 (satu) bulan');

    // The approval numbers the version and renders it again: with its own template, not the newer one.
    await act('biro.kepala', id, 'approve');
    const view = (await drafter('GET', `/api/agreements/${id}`)).json;
    const [version] = view.versions;
    expect(view.documentNumber).toMatch(/\/PKS\/DISDIK\//);
    expect(version.templateVersion).toBe(1);
    expect(version.drafted.sha256.pdf).not.toBe(version.sha256.pdf);
    const numbered = pdfText(await download(version.links.pdf));
    expect(numbered).toContain(`NOMOR: ${view.documentNumber}`);
    expect(numbered).toContain('3 (tiga) bulan');
    expect(numbered).not.toContain('1 (satu) bulan');
    const docx = await mammoth.extractRawText({ buffer: Buffer.from(await download(version.links.docx)) });
    expect(docx.value).toContain(view.documentNumber);
    expect(docx.value).toContain('3 (tiga) bulan');
  });
});
