import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import type { TemplateFile } from '../../shared/documents/template.js';
import { sampleFor } from '../support/samples.js';
import { apiAs } from './support/api.js';
import { journey, postForm } from './support/journey.js';
import { useEmbeddedStack } from './support/stack.js';

const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);
const { signedByRegion, upload: uploadSigned } = journey(stack);

function nameOf(username: string): string {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user.name;
}

const download = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());

/**
 * What poppler reads in each column of a PDF: Indonesian left, English right (A4, the body's middle
 * at 303 pt), words rejoined where a line broke them, whitespace collapsed.
 */
function pdfColumns(pdf: Uint8Array): { id: string; en: string } {
  return { id: pdfText(pdf, 0, 303), en: pdfText(pdf, 303, 293) };
}

/** What poppler reads in a band of the page (all of it by default), as pdfColumns. */
function pdfText(pdf: Uint8Array, x = 0, width = 596): string {
  const dir = mkdtempSync(join(tmpdir(), 'negotiated-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const band = ['-x', `${x}`, '-y', '0', '-W', `${width}`, '-H', '842'];
    return execFileSync('pdftotext', ['-enc', 'UTF-8', ...band, file, '-'])
      .toString()
      .replace(/\u00AD\n/g, '')
      .replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const docxText = async (docx: Uint8Array) =>
  (await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value.replace(/\s+/g, ' ');

/** The MoU's notice period negotiated down from six months to three, in both languages. */
const DURATION = {
  key: 'duration',
  clauses: [
    {
      id: 'Nota Kesepahaman ini berlaku sejak tanggal ditandatangani untuk jangka waktu 5 (lima) tahun.',
      en: 'This Memorandum of Understanding shall enter into force on the date of its signing for a period of 5 (five) years.',
    },
    {
      id: 'Masing-masing PIHAK dapat mengakhiri Nota Kesepahaman ini dengan pemberitahuan tertulis paling lambat 3 (tiga) bulan sebelumnya.',
      en: 'Either PARTY may terminate this Memorandum of Understanding by written notice at least 3 (three) months in advance.',
    },
  ],
};

/** A governing-law article the foreign partner asked for: new to the template. */
const GOVERNING_LAW = {
  key: 'governingLaw',
  heading: { id: 'HUKUM YANG BERLAKU', en: 'GOVERNING LAW' },
  clauses: [
    {
      id: 'Nota Kesepahaman ini tunduk pada hukum Negara Republik Indonesia.',
      en: 'This Memorandum of Understanding is governed by the laws of the Republic of Indonesia.',
    },
  ],
};

async function act(username: string, id: string, body: Record<string, unknown>) {
  const res = await as(username)('POST', `/api/agreements/${id}/actions`, body);
  expect(res.status, `${username} ${body.action}: ${JSON.stringify(res.json)}`).toBe(200);
  return res.json;
}

async function history(id: string) {
  const res = await as('biro.staf')('GET', `/api/agreements/${id}/history?limit=500`);
  expect(res.status).toBe(200);
  expect(res.json.chainIntact).toBe(true);
  return res.json.events as Record<string, unknown>[];
}

describe('negotiated wording', () => {
  it('round trip: edited → flagged in the diff → accepted by the Biro head → printed in both languages', async () => {
    const drafter = as('dispar.penyusun');
    const created = await drafter('POST', '/api/agreements', sampleFor('mou'));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.id as string;
    const revised = await drafter('POST', `/api/agreements/${id}/versions`, {
      ...sampleFor('mou'),
      articles: [DURATION, GOVERNING_LAW],
    });
    expect(revised.status, JSON.stringify(revised.json)).toBe(201);

    const view = (await drafter('GET', `/api/agreements/${id}`)).json;
    expect(view.form.articles).toEqual([DURATION, GOVERNING_LAW]);
    expect(view.versions.map((v: { deviations: unknown }) => v.deviations)).toEqual([
      [],
      [
        { key: 'duration', kind: 'changed' },
        { key: 'governingLaw', kind: 'added' },
      ],
    ]);

    const diff = await drafter('GET', `/api/agreements/${id}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.json.deviations).toEqual({ from: [], to: view.versions[1].deviations });
    const touched = diff.json.sections.filter((s: { status: string }) => s.status !== 'unchanged');
    expect(
      touched.map((s: { section: string; status: string; deviation?: string }) => [
        s.section,
        s.status,
        s.deviation,
      ]),
    ).toEqual([
      ['duration', 'changed', 'changed'],
      ['governingLaw', 'added', 'added'],
    ]);
    expect(
      diff.json.sections
        .filter((s: { deviation?: string }) => s.deviation)
        .map((s: { section: string }) => s.section),
    ).toEqual(['duration', 'governingLaw']);
    // Each article of the newer version comes with its text as printed, clause by clause: what the
    // web app's article editor starts from.
    const section = (key: string) =>
      diff.json.sections.find((s: { section: string }) => s.section === key) as {
        clauses?: { id: string; en?: string }[];
        optional?: boolean;
      };
    expect(section('duration').clauses).toEqual(DURATION.clauses);
    expect(section('governingLaw').clauses).toEqual(GOVERNING_LAW.clauses);
    const disputes = section('disputes').clauses ?? [];
    expect(disputes.length).toBeGreaterThan(0);
    for (const clause of disputes) {
      expect(clause.id).not.toMatch(/[{}]/);
      expect(clause.en).toMatch(/\w/);
      expect(clause.en).not.toMatch(/[{}]/);
    }
    expect(disputes.map((c) => c.id).join(' ')).toContain('Nota Kesepahaman ini');
    expect(section('disputes').optional).toBeUndefined();
    expect(section('opening').clauses).toBeUndefined();
    const words = (kind: 'added' | 'removed') =>
      touched[0].changes.en
        .filter((c: { added?: boolean; removed?: boolean }) => c[kind])
        .map((c: { value: string }) => c.value);
    expect(words('added')).toContain('three');
    expect(words('removed')).toContain('six');

    await act('dispar.penyusun', id, { action: 'submit', version: 2 });
    await act('dispar.kepala', id, { action: 'endorse', version: 2 });
    // A comment may name the new article.
    await act('biro.staf', id, {
      action: 'approve',
      version: 2,
      comment: 'Pasal hukum yang berlaku sesuai permintaan mitra',
      article: 'governingLaw',
    });
    const approved = await act('biro.kepala', id, { action: 'approve', version: 2 });
    expect(approved.event).toMatchObject({
      action: 'approve',
      actor: { name: nameOf('biro.kepala'), role: 'biro_head' },
      acceptedDeviations: [
        { key: 'duration', kind: 'changed' },
        { key: 'governingLaw', kind: 'added' },
      ],
    });
    const events = await history(id);
    expect(events.filter((e) => e.acceptedDeviations).map((e) => (e.actor as { role: string }).role)).toEqual(
      ['biro_head'],
    );

    // The version as numbered at that approval: the negotiated text in each language's column.
    const current = (await drafter('GET', `/api/agreements/${id}`)).json;
    const [, numbered] = current.versions;
    expect(numbered.documentNumber).toBeTruthy();
    const pdf = pdfColumns(await download(numbered.links.pdf));
    for (const text of [DURATION.clauses[1]?.id, 'HUKUM YANG BERLAKU', GOVERNING_LAW.clauses[0]?.id])
      expect(pdf.id).toContain(text);
    for (const text of [DURATION.clauses[1]?.en, 'GOVERNING LAW', GOVERNING_LAW.clauses[0]?.en])
      expect(pdf.en).toContain(text);
    expect(pdf.id).toContain(`NOMOR: ${current.documentNumber}`);
    // The template's six months are gone, and the new article follows the template's last.
    expect(pdf.id).not.toContain('6 (enam) bulan');
    expect(pdf.en).not.toContain('6 (six) months');
    expect(pdf.id).toMatch(/Pasal 10 HUKUM YANG BERLAKU/);
    expect(pdf.en).toMatch(/Article 10 GOVERNING LAW/);
    const docx = await docxText(await download(numbered.links.docx));
    for (const clause of [...DURATION.clauses, ...GOVERNING_LAW.clauses]) {
      expect(docx).toContain(clause.id);
      expect(docx).toContain(clause.en);
    }
    expect(docx).toContain('HUKUM YANG BERLAKU');
    expect(docx).toContain('GOVERNING LAW');
    expect(docx).not.toContain('6 (six) months');
  });

  it('lets the Biro revise a draft under review, the trail naming who; the register number stays', async () => {
    const drafter = as('disdik.penyusun');
    const created = await drafter('POST', '/api/agreements', sampleFor('pks'));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.id as string;
    await act('disdik.penyusun', id, { action: 'submit', version: 1 });
    await act('disdik.kepala', id, { action: 'endorse', version: 1 });

    // The PKS is in Indonesian only: so is its negotiated wording.
    const amendment = {
      key: 'amendment',
      heading: { id: 'PERUBAHAN DAN ADENDUM' },
      clauses: [{ id: 'Perubahan Perjanjian Kerja Sama ini dibuat secara tertulis dalam adendum.' }],
    };
    const english = await as('biro.staf')('POST', `/api/agreements/${id}/versions`, {
      ...sampleFor('pks'),
      articles: [{ ...amendment, clauses: [{ id: 'Perubahan.', en: 'Amendment.' }] }],
    });
    expect(english.status).toBe(400);
    expect(english.json.issues[0].path).toBe('articles[0].clauses[0].en');

    const byStaff = await as('biro.staf')('POST', `/api/agreements/${id}/versions`, {
      ...sampleFor('pks'),
      articles: [amendment],
    });
    expect(byStaff.status, JSON.stringify(byStaff.json)).toBe(201);
    expect(byStaff.json).toMatchObject({ version: 2, status: 'in_review' });
    const revise = (await history(id)).at(-1);
    expect(revise).toMatchObject({
      action: 'revise',
      version: 2,
      actor: { name: nameOf('biro.staf'), role: 'biro_staff' },
      fromStatus: 'in_review',
      toStatus: 'in_review',
    });
    // The review goes on, on the revised version.
    const stale = await as('biro.staf')('POST', `/api/agreements/${id}/actions`, {
      action: 'approve',
      version: 1,
    });
    expect(stale.status).toBe(409);
    await act('biro.staf', id, { action: 'approve', version: 2 });
    // The drafter may not edit while it is under review; other roles never.
    const drafterNow = await drafter('POST', `/api/agreements/${id}/versions`, sampleFor('pks'));
    expect(drafterNow.status).toBe(409);
    for (const user of ['disdik.kepala', 'evaluator', 'sekda'])
      expect((await as(user)('POST', `/api/agreements/${id}/versions`, sampleFor('pks'))).status, user).toBe(
        403,
      );

    const approved = await act('biro.kepala', id, { action: 'approve', version: 2 });
    expect(approved.event.acceptedDeviations).toEqual([{ key: 'amendment', kind: 'changed' }]);
    const numbered = (await drafter('GET', `/api/agreements/${id}`)).json;
    expect(numbered.documentNumber).toBeTruthy();

    // At the Sekda's step, the Biro head revises again: the number stays, printed in the new version.
    const byHead = await as('biro.kepala')('POST', `/api/agreements/${id}/versions`, {
      ...sampleFor('pks'),
      articles: [{ ...amendment, clauses: [{ id: 'Setiap perubahan dituangkan dalam adendum tertulis.' }] }],
    });
    expect(byHead.status, JSON.stringify(byHead.json)).toBe(201);
    expect((await history(id)).at(-1)).toMatchObject({
      action: 'revise',
      version: 3,
      actor: { name: nameOf('biro.kepala'), role: 'biro_head' },
    });
    const view = (await drafter('GET', `/api/agreements/${id}`)).json;
    expect(view).toMatchObject({
      status: 'in_review',
      currentVersion: 3,
      documentNumber: numbered.documentNumber,
    });
    const v3 = view.versions[2];
    expect(v3).toMatchObject({
      documentNumber: numbered.documentNumber,
      deviations: [{ key: 'amendment', kind: 'changed' }],
    });
    // An Indonesian-only PKS: one column across the page.
    const whole = pdfText(await download(v3.links.pdf));
    expect(whole).toContain(`NOMOR: ${numbered.documentNumber}`);
    expect(whole).toContain('PERUBAHAN DAN ADENDUM');
    expect(whole).toContain('Setiap perubahan dituangkan dalam adendum tertulis.');
    await act('sekda', id, { action: 'initial', version: 3 });

    // The Biro may not edit a draft before it is submitted.
    const draft = await drafter('POST', '/api/agreements', sampleFor('pks'));
    const early = await as('biro.staf')(
      'POST',
      `/api/agreements/${draft.json.id}/versions`,
      sampleFor('pks'),
    );
    expect(early.status).toBe(409);
    expect(early.json.message.en).toMatch(/only while it is under review; this one is draft/);
  });

  it('refuses to remove a required article, naming it, and writes nothing', async () => {
    const drafter = as('dispar.penyusun');
    const before = (await drafter('GET', '/api/agreements?limit=100')).json.items.length;
    const form = { ...sampleFor('mou'), removeArticles: ['disputes'] };
    for (const path of ['/api/agreements', '/api/preview']) {
      const res = await drafter('POST', path, form);
      expect(res.status, path).toBe(400);
      expect(res.json.issues).toEqual([
        {
          path: 'removeArticles[0]',
          message: {
            id: expect.stringContaining('"disputes" (PENYELESAIAN PERSELISIHAN) wajib ada'),
            en: 'the article "disputes" (SETTLEMENT OF DISPUTES) is required in the MOU template (version 1): it cannot be removed',
          },
        },
      ]);
    }
    expect((await drafter('GET', '/api/agreements?limit=100')).json.items.length).toBe(before);
    const bad = await drafter('POST', '/api/agreements', {
      ...sampleFor('mou'),
      articles: [
        { key: 'annex', clauses: [{ id: 'Lampiran.', en: 'Annex.' }] },
        { key: 'Pasal 3', clauses: [] },
      ],
      removeArticles: 'disputes',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'articles[1].clauses',
      'articles[1].key',
      'removeArticles',
    ]);
    const noHeading = await drafter('POST', '/api/agreements', {
      ...sampleFor('mou'),
      articles: [{ key: 'annex', clauses: [{ id: 'Lampiran.', en: 'Annex.' }] }],
    });
    expect(noHeading.status).toBe(400);
    expect(noHeading.json.issues[0].path).toBe('articles[0].heading');
  });

  it('keeps the deviations of the archived version in the archive record', async () => {
    const form = { ...sampleFor('mou'), articles: [GOVERNING_LAW] };
    const signed = await signedByRegion('mou', form);
    const events = await history(signed.id);
    expect(events.find((e) => e.acceptedDeviations)).toMatchObject({
      actor: { role: 'biro_head' },
      acceptedDeviations: [{ key: 'governingLaw', kind: 'added' }],
    });
    const archived = await uploadSigned(signed.id, signed.pdf);
    expect(archived.status).toBe('accepted');
    const record = await as('evaluator')('GET', `/api/archive/${signed.id}`);
    expect(record.status).toBe(200);
    expect(record.json).toMatchObject({
      templateVersion: 1,
      deviations: [{ key: 'governingLaw', kind: 'added' }],
    });
  }, 120_000);

  it('leaves out an optional article of a template version that has one', async () => {
    // A MoU template with an optional confidentiality article: uploaded by the Biro head, activated by an admin.
    const mou: TemplateFile = parse(
      readFileSync(new URL('../../templates/mou.yaml', import.meta.url), 'utf8'),
    );
    mou.articles.splice(mou.articles.length - 1, 0, {
      key: 'confidentiality',
      heading: { id: 'KERAHASIAAN', en: 'CONFIDENTIALITY' },
      optional: true,
      clauses: [
        {
          id: 'PARA PIHAK menjaga kerahasiaan informasi yang dipertukarkan dalam {documentName} ini.',
          en: 'THE PARTIES shall keep confidential the information exchanged under this {documentName}.',
        },
      ],
    });
    const ticket = await as('biro.kepala')('POST', '/api/templates/uploads');
    expect(ticket.status).toBe(201);
    expect((await postForm(ticket.json, stringify(mou), 'application/yaml')).status).toBe(204);
    let candidate: { status: string } = { status: 'pending' };
    for (let i = 0; i < 400 && candidate.status === 'pending'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      candidate = (await as('biro.kepala')('GET', `/api/templates/candidates/${ticket.json.candidateId}`))
        .json;
    }
    expect(candidate.status, JSON.stringify(candidate)).toBe('valid');
    const activated = await as('admin')(
      'POST',
      `/api/templates/candidates/${ticket.json.candidateId}/activate`,
    );
    expect(activated.status, JSON.stringify(activated.json)).toBe(200);

    const drafter = as('dispar.penyusun');
    const created = await drafter('POST', '/api/agreements', sampleFor('mou'));
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const left = await drafter('POST', `/api/agreements/${id}/versions`, {
      ...sampleFor('mou'),
      removeArticles: ['confidentiality'],
    });
    expect(left.status, JSON.stringify(left.json)).toBe(201);
    const view = (await drafter('GET', `/api/agreements/${id}`)).json;
    expect(
      view.versions.map((v: { templateVersion: number; deviations: unknown }) => [
        v.templateVersion,
        v.deviations,
      ]),
    ).toEqual([
      [activated.json.version, []],
      [activated.json.version, [{ key: 'confidentiality', kind: 'removed' }]],
    ]);
    const [withIt, without] = await Promise.all(
      view.versions.map(async (v: { links: { pdf: string } }) => pdfColumns(await download(v.links.pdf))),
    );
    expect(withIt.id).toContain('KERAHASIAAN');
    expect(withIt.en).toContain('CONFIDENTIALITY');
    expect(without.id).not.toContain('KERAHASIAAN');
    expect(without.en).not.toContain('CONFIDENTIALITY');
    // The language article moves up to take its number.
    expect(withIt.id).toMatch(/Pasal 10 BAHASA/);
    expect(without.id).toMatch(/Pasal 9 BAHASA/);
    const docx = await docxText(await download(view.versions[1].links.docx));
    expect(docx).not.toContain('CONFIDENTIALITY');
    expect(docx).toContain('LANGUAGE');
    const diff = await drafter('GET', `/api/agreements/${id}/diff?from=1&to=2`);
    expect(
      diff.json.sections
        .filter((s: { status: string }) => s.status !== 'unchanged')
        .map((s: { section: string; status: string; deviation?: string }) => [
          s.section,
          s.status,
          s.deviation,
        ]),
    ).toEqual([['confidentiality', 'removed', 'removed']]);
    // The diff of the first version with itself says which articles its template lets a draft leave out.
    const first = (await drafter('GET', `/api/agreements/${id}/diff?from=1&to=1`)).json.sections as {
      section: string;
      optional?: boolean;
    }[];
    expect(first.filter((s) => s.optional).map((s) => s.section)).toEqual(['confidentiality']);
    // Still, the articles this template requires cannot go.
    const required = await drafter('POST', `/api/agreements/${id}/versions`, {
      ...sampleFor('mou'),
      removeArticles: ['confidentiality', 'amendment'],
    });
    expect(required.status).toBe(400);
    expect(required.json.issues).toEqual([
      expect.objectContaining({
        path: 'removeArticles[1]',
        message: expect.objectContaining({
          en: expect.stringMatching(/^the article "amendment" \(AMENDMENT\) is required/),
        }),
      }),
    ]);
  });
});
