import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { DynamoAgreements } from '../../shared/adapters/aws/dynamo-agreements.js';
import { DynamoAuditEvents } from '../../shared/adapters/aws/dynamo-audit-events.js';
import { DynamoAgreementChanges } from '../../shared/adapters/aws/dynamo-changes.js';
import { DynamoDelegations } from '../../shared/adapters/aws/dynamo-delegations.js';
import { DynamoRegionProfiles } from '../../shared/adapters/aws/dynamo-region.js';
import { DynamoRegisterStore } from '../../shared/adapters/aws/dynamo-register.js';
import { DynamoRouteStore } from '../../shared/adapters/aws/dynamo-routes.js';
import { DynamoTemplateCatalog } from '../../shared/adapters/aws/dynamo-templates.js';
import { S3FileStore } from '../../shared/adapters/aws/s3-file-store.js';
import { Table } from '../../shared/adapters/aws/table.js';
import { UnavailableError } from '../../shared/errors.js';
import { type Identity, ROLES } from '../../shared/identity/identity.js';
import { systemClock } from '../../shared/ports/clock.js';
import type { RegisterEntry } from '../../shared/register/entry.js';
import { WorkflowService } from '../../shared/workflow/service.js';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { pdfsig } from '../support/pdfsig.js';
import { pdftotext } from '../support/poppler-text.js';
import { DRAFTER, type SampleName, sampleFor } from '../support/samples.js';
import { sheetCells } from '../support/xlsx-xml.js';
import { apiAs } from './support/api.js';
import { journey } from './support/journey.js';
import { useEmbeddedStack } from './support/stack.js';
import { stored } from './support/stored.js';

const stack = useEmbeddedStack();
const { rootPem, download } = stored(stack);
const as = (username: string) => apiAs(stack, username);
const demo = (username: string) => DEMO_USERS.find((u) => u.username === username) as Identity;
const biroHead = demo('biro.kepala');
const YEAR = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
const USER_OF: Record<string, string> = {
  opd_drafter: 'disdik.penyusun',
  opd_head: 'disdik.kepala',
  biro_staff: 'biro.staf',
  biro_head: 'biro.kepala',
  sekda: 'sekda',
  kepala_daerah: 'gubernur',
  evaluator: 'evaluator',
  admin: 'admin',
};

async function actOk(username: string, id: string, body: Record<string, unknown>) {
  const res = await as(username)('POST', `/api/agreements/${id}/actions`, body);
  expect(res.status, `${username} ${body.action}: ${JSON.stringify(res.json)}`).toBe(200);
  return res.json;
}

/** A domestic sample (no consultation) created and routed up to the Biro head's review. */
async function atBiroHead(name: SampleName = 'pks'): Promise<string> {
  const created = await as(DRAFTER[name].username)('POST', '/api/agreements', sampleFor(name));
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const id = created.json.id as string;
  await actOk(DRAFTER[name].username, id, { action: 'submit', version: 1 });
  await actOk(DRAFTER[name].head, id, { action: 'endorse', version: 1 });
  await actOk('biro.staf', id, { action: 'approve', version: 1 });
  return id;
}

async function registerOf(year = YEAR): Promise<RegisterEntry[]> {
  const items: RegisterEntry[] = [];
  let cursor: string | undefined;
  do {
    const res = await as('biro.staf')(
      'GET',
      `/api/register?year=${year}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    items.push(...res.json.items);
    cursor = res.json.nextCursor;
  } while (cursor);
  return items;
}

describe('register numbers', () => {
  it('gives a number at the Biro head’s approval, printed in the PDF signed afterwards and kept by the archive', async () => {
    const id = await atBiroHead('pks');
    const before = await as('biro.staf')('GET', `/api/agreements/${id}`);
    expect(before.json.documentNumber).toBeUndefined();
    await actOk('biro.kepala', id, { action: 'approve', version: 1 });

    const view = (await as(DRAFTER.pks.username)('GET', `/api/agreements/${id}`)).json;
    const number = view.documentNumber as string;
    expect(number).toMatch(new RegExp(`^119/\\d{4}/PKS/DISDIK/${YEAR}$`));
    expect(view.versions[0].documentNumber).toBe(number);
    const sequence = Number(number.split('/')[1]);

    // The PDF the signature will go on, as poppler reads it: the region's number line and the footer.
    const pdf = new Uint8Array(await (await fetch(view.versions[0].links.pdf)).arrayBuffer());
    const text = pdftotext(pdf);
    expect(text).toContain(`NOMOR: ${number}`);
    expect(text).toContain(`${number} · v1`);
    expect(view.versions[0].drafted.sha256.pdf).not.toBe(view.versions[0].sha256.pdf);

    const history = (await as('biro.staf')('GET', `/api/agreements/${id}/history`)).json;
    const approval = history.events.at(-1);
    expect(approval).toMatchObject({
      action: 'approve',
      steps: ['biro-head-review'],
      register: { number, year: YEAR, sequence, sha256: view.versions[0].sha256.pdf },
    });
    expect(history.chainIntact).toBe(true);
    const entries = await registerOf();
    expect(entries.find((e) => e.sequence === sequence)).toMatchObject({
      number,
      documentType: 'PKS',
      agreementId: id,
      unit: 'DISDIK',
      assignedBy: { sub: biroHead.sub, name: biroHead.name, role: 'biro_head' },
    });
    expect(entries.find((e) => e.sequence === sequence)?.voided).toBeUndefined();

    await actOk('sekda', id, { action: 'initial', version: 1 });
    const signed = await as('gubernur')('POST', `/api/agreements/${id}/sign`, { version: 1 });
    expect(signed.status, JSON.stringify(signed.json)).toBe(200);
    const signedPdf = await download(signed.json.signedDocument.key);
    expect(pdftotext(signedPdf)).toContain(`NOMOR: ${number}`);
    expect(await pdfsig(signedPdf, rootPem())).toMatchObject([
      { valid: true, trusted: true, wholeDocument: false },
    ]);
    const signEvent = (await as('biro.staf')('GET', `/api/agreements/${id}/history`)).json.events.at(-1);
    // The signature went on the numbered PDF; no second number was taken.
    expect(signEvent.documentSha256).toBe(view.versions[0].sha256.pdf);
    expect(signEvent.register).toBeUndefined();

    const archived = await journey(stack).upload(id, signedPdf);
    expect(archived.status, JSON.stringify(archived)).toBe('accepted');
    const record = await as('evaluator')('GET', `/api/archive/${id}`);
    expect(record.json.documentNumber).toBe(number);
    const search = await as('evaluator')('GET', '/api/archive?documentType=PKS');
    expect(search.json.items.find((i: { agreementId: string }) => i.agreementId === id).documentNumber).toBe(
      number,
    );
  }, 120_000);

  it('gives 50 concurrent approvals on 50 agreements 50 distinct consecutive numbers, none lost or doubled', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await atBiroHead('pks'));
    const before = await registerOf();
    const results = await Promise.all(
      ids.map((id) =>
        as('biro.kepala')('POST', `/api/agreements/${id}/actions`, { action: 'approve', version: 1 }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 200));
    const after = await registerOf();
    const added = after.filter((e) => !before.some((b) => b.sequence === e.sequence));
    expect(added).toHaveLength(50);
    expect(added.filter((e) => e.voided)).toEqual([]);
    const sequences = added.map((e) => e.sequence).sort((a, b) => a - b);
    const first = sequences[0] as number;
    expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => first + i));
    expect(first).toBe((before.at(-1)?.sequence ?? 0) + 1);
    expect(new Set(added.map((e) => e.agreementId))).toEqual(new Set(ids));
    // Each agreement holds the number its entry names.
    for (const entry of added) {
      const view = await as('biro.staf')('GET', `/api/agreements/${entry.agreementId}`);
      expect(view.json.documentNumber).toBe(entry.number);
      expect(view.json.register).toMatchObject({ year: YEAR, sequence: entry.sequence });
    }
  }, 300_000);

  it('takes no second number for a duplicated or repeated approval', async () => {
    const id = await atBiroHead('pks');
    const before = await registerOf();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        as('biro.kepala')('POST', `/api/agreements/${id}/actions`, { action: 'approve', version: 1 }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    const again = await as('biro.kepala')('POST', `/api/agreements/${id}/actions`, {
      action: 'approve',
      version: 1,
    });
    expect(again.status).toBe(409);
    const added = (await registerOf()).filter((e) => !before.some((b) => b.sequence === e.sequence));
    expect(added.map((e) => ({ agreementId: e.agreementId, voided: e.voided }))).toEqual([
      { agreementId: id, voided: undefined },
    ]);
    const history = (await as('biro.staf')('GET', `/api/agreements/${id}/history`)).json;
    expect(history.events.filter((e: { register?: unknown }) => e.register)).toHaveLength(1);
  }, 120_000);

  it('records a reserved number whose change is never written as voided, with the reason', async () => {
    const id = await atBiroHead('pks');
    const table = new Table(stack.env.TABLE_NAME as string);
    const failing = new DynamoAgreementChanges(table);
    failing.commit = async () => {
      throw new UnavailableError('DynamoDB');
    };
    const service = new WorkflowService({
      changes: failing,
      events: new DynamoAuditEvents(table),
      files: new S3FileStore(stack.env.DOCUMENTS_BUCKET as string),
      clock: systemClock,
      agreements: new DynamoAgreements(table),
      routes: new DynamoRouteStore(table),
      templates: new DynamoTemplateCatalog(table, BUILTIN_TEMPLATES),
      register: new DynamoRegisterStore(table),
      regionId: stack.env.REGION_ID as string,
      delegations: new DynamoDelegations(table),
      profiles: new DynamoRegionProfiles(table),
    });
    const before = await registerOf();
    await expect(service.act(id, biroHead, { action: 'approve', version: 1 })).rejects.toBeInstanceOf(
      UnavailableError,
    );
    const added = (await registerOf()).filter((e) => !before.some((b) => b.sequence === e.sequence));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      agreementId: id,
      voided: { reason: expect.stringContaining('DynamoDB is unavailable'), by: { sub: biroHead.sub } },
    });
    // The agreement has no number; its next approval takes the next one, and the voided one stays.
    expect((await as('biro.staf')('GET', `/api/agreements/${id}`)).json.documentNumber).toBeUndefined();
    await actOk('biro.kepala', id, { action: 'approve', version: 1 });
    const view = (await as('biro.staf')('GET', `/api/agreements/${id}`)).json;
    expect(view.register.sequence).toBe((added[0] as RegisterEntry).sequence + 1);
  }, 120_000);

  it('assigns at the first signature when the format says so, and signs the numbered PDF', async () => {
    const put = await as('admin')('PUT', '/api/admin/register-formats/LOI', {
      parts: [
        { kind: 'classification', value: '000.4.2' },
        { kind: 'sequence', padding: 3 },
        { kind: 'bureau', value: 'B.KS' },
        { kind: 'romanMonth' },
        { kind: 'year' },
      ],
      separator: '/',
      assignAt: 'signing',
    });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    const { signedByRegion } = journey(stack);
    const { id, pdf } = await signedByRegion('loi');
    const view = (await as('biro.staf')('GET', `/api/agreements/${id}`)).json;
    const month = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][
      new Date(Date.now() + 7 * 3600_000).getUTCMonth()
    ];
    expect(view.documentNumber).toMatch(new RegExp(`^000\\.4\\.2/\\d{3}/B\\.KS/${month}/${YEAR}$`));
    const text = pdftotext(pdf);
    expect(text).toContain(`NOMOR: ${view.documentNumber}`);
    expect(text).toContain(`NUMBER: ${view.documentNumber}`);
    expect(await pdfsig(pdf, rootPem())).toMatchObject([
      { valid: true, trusted: true, wholeDocument: false },
    ]);
    const events = (await as('biro.staf')('GET', `/api/agreements/${id}/history`)).json.events;
    expect(
      events.filter((e: { register?: unknown }) => e.register).map((e: { action: string }) => e.action),
    ).toEqual(['sign']);
  }, 120_000);

  it('voids the number of a rejected agreement with the reason, who and when, once, and never gives it again', async () => {
    const id = await atBiroHead('pks');
    await actOk('biro.kepala', id, { action: 'approve', version: 1 });
    const view = (await as('biro.staf')('GET', `/api/agreements/${id}`)).json;
    const { sequence } = view.register;
    const path = `/api/register/${YEAR}/${sequence}/void`;

    const inRoute = await as('biro.kepala')('POST', path, { reason: 'salah nomor' });
    expect(inRoute.status).toBe(409);
    expect(inRoute.json.message.en).toContain('only the number of a rejected or withdrawn agreement');
    await actOk('sekda', id, { action: 'reject', version: 1, comment: 'tidak sesuai RPJMD' });

    for (const user of ['biro.staf', 'sekda', 'gubernur', 'evaluator', 'disdik.penyusun']) {
      expect((await as(user)('POST', path, { reason: 'batal' })).status, user).toBe(403);
    }
    const empty = await as('biro.kepala')('POST', path, { reason: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.json.issues[0].path).toBe('reason');
    expect(
      (await as('biro.kepala')('POST', `/api/register/${YEAR}/999999/void`, { reason: 'x' })).status,
    ).toBe(404);
    expect((await as('biro.kepala')('POST', `/api/register/${YEAR}/satu/void`, { reason: 'x' })).status).toBe(
      400,
    );

    const voided = await as('biro.kepala')('POST', path, { reason: 'Kerja sama ditolak Sekda' });
    expect(voided.status, JSON.stringify(voided.json)).toBe(200);
    expect(voided.json).toMatchObject({
      number: view.documentNumber,
      voided: { reason: 'Kerja sama ditolak Sekda', by: { name: biroHead.name, role: 'biro_head' } },
    });
    const twice = await as('admin')('POST', path, { reason: 'lagi' });
    expect(twice.status).toBe(409);
    expect(twice.json.message.en).toContain(`was voided by ${biroHead.name}`);

    const entry = (await registerOf()).find((e) => e.sequence === sequence);
    expect(entry?.voided).toMatchObject({ reason: 'Kerja sama ditolak Sekda' });
    const history = (await as('biro.staf')('GET', `/api/agreements/${id}/history`)).json;
    expect(history.events.at(-1)).toMatchObject({
      action: 'void_number',
      comment: 'Kerja sama ditolak Sekda',
      register: { number: view.documentNumber, sequence },
    });
    expect(history.chainIntact).toBe(true);
    // The next number is the next sequence: the voided one is never given again.
    const next = await atBiroHead('pks');
    await actOk('biro.kepala', next, { action: 'approve', version: 1 });
    const nextView = (await as('biro.staf')('GET', `/api/agreements/${next}`)).json;
    expect(nextView.register.sequence).toBeGreaterThan(sequence);

    // The register book as a workbook, read back by exceljs and by unzip + the sheet's XML.
    const res = await as('evaluator')('GET', `/api/register?year=${YEAR}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const bytes = new Uint8Array(await res.res.arrayBuffer());
    const all = await registerOf();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(`Register ${YEAR}`);
    expect(sheet?.rowCount).toBe(all.length + 1);
    const cells = sheetCells(bytes);
    expect(cells[0]?.slice(0, 3)).toEqual(['No. Urut', 'Nomor', 'Jenis']);
    const row = cells.find((r) => r[1] === view.documentNumber);
    expect(row).toEqual([
      String(sequence),
      view.documentNumber,
      'PKS',
      view.title.id,
      'DISDIK',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      biroHead.name,
      id,
      'Batal',
      'Kerja sama ditolak Sekda',
      biroHead.name,
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    ]);
    expect(cells.slice(1).map((r) => Number(r[0]))).toEqual(all.map((e) => e.sequence));
  }, 180_000);

  it('lets the Biro, admins and evaluators read the register, and nobody else', async () => {
    for (const role of ROLES) {
      const res = await as(USER_OF[role] as string)('GET', `/api/register?year=${YEAR}`);
      expect(res.status, role).toBe(
        ['biro_staff', 'biro_head', 'admin', 'evaluator'].includes(role) ? 200 : 403,
      );
    }
    expect((await as('biro.staf')('GET', '/api/register?year=abc')).status).toBe(400);
    expect((await as('biro.staf')('GET', '/api/register?cursor=bm9wZQ')).status).toBe(400);
    const empty = await as('biro.staf')('GET', '/api/register?year=2001');
    expect(empty.json).toEqual({ year: 2001, items: [] });
  });
});

describe('register formats', () => {
  const valid = {
    parts: [
      { kind: 'classification', value: '119' },
      { kind: 'sequence', padding: 4 },
      { kind: 'unit' },
      { kind: 'year' },
    ],
    separator: '/',
    assignAt: 'biro_approval',
  };

  it('shows the default of each type until an admin changes it, and logs the change', async () => {
    const res = await as('admin')('GET', '/api/admin/register-formats');
    expect(res.status).toBe(200);
    expect(res.json.items.map((f: { documentType: string }) => f.documentType)).toEqual([
      'LOI',
      'MOU',
      'PKS',
    ]);
    const mou = res.json.items.find((f: { documentType: string }) => f.documentType === 'MOU');
    expect(mou).toMatchObject({ default: true, separator: '/', assignAt: 'biro_approval' });

    const put = await as('admin')('PUT', '/api/admin/register-formats/MOU', valid);
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    expect(put.json).toMatchObject({ documentType: 'MOU', ...valid, updatedBy: 'admin' });
    const same = await as('admin')('PUT', '/api/admin/register-formats/MOU', valid);
    expect(same.json.updatedAt).toBe(put.json.updatedAt);
    const listed = (await as('admin')('GET', '/api/admin/register-formats')).json.items;
    expect(listed.find((f: { documentType: string }) => f.documentType === 'MOU')).toEqual(put.json);
    const log = (await as('admin')('GET', '/api/admin/log')).json;
    const changes = log.items.filter((e: { action: string }) => e.action === 'register-format.update');
    expect(changes.filter((e: { target: { id: string } }) => e.target.id === 'MOU')).toHaveLength(1);
    expect(changes.find((e: { target: { id: string } }) => e.target.id === 'MOU')).toMatchObject({
      target: { kind: 'register-format', id: 'MOU' },
      before: { assignAt: 'biro_approval' },
      after: valid,
    });
    expect(log.chainIntact).toBe(true);
  });

  it.each([
    [
      'an unknown part',
      { ...valid, parts: [...valid.parts, { kind: 'weekday' }] },
      'parts[4].kind',
      /unknown: "weekday"; choose one of: classification, text, sequence/,
    ],
    [
      'no sequence',
      { ...valid, parts: valid.parts.filter((p) => p.kind !== 'sequence') },
      'parts',
      /exactly one sequence part/,
    ],
    ['two years', { ...valid, parts: [...valid.parts, { kind: 'year' }] }, 'parts', /exactly one year part/],
    [
      'a value holding the separator',
      { ...valid, separator: '-', parts: [{ kind: 'text', value: 'B-KS' }, ...valid.parts] },
      'parts[0].value',
      /separator "-"/,
    ],
    [
      'a slash inside a value',
      { ...valid, parts: [{ kind: 'text', value: 'A/B' }, ...valid.parts] },
      'parts[0].value',
      /letters, digits, dots or hyphens/,
    ],
    [
      'a padding of 9',
      { ...valid, parts: [{ kind: 'sequence', padding: 9 }, { kind: 'year' }] },
      'parts[0].padding',
      /at most 6/,
    ],
    ['an unknown step', { ...valid, assignAt: 'initial' }, 'assignAt', /one of/],
    ['an unknown field', { ...valid, prefix: 'X' }, '', /unknown keys: prefix/],
  ])('refuses %s with a 400 naming it', async (_, body, path, message) => {
    const res = await as('admin')('PUT', '/api/admin/register-formats/PKS', body);
    expect(res.status, JSON.stringify(res.json)).toBe(400);
    const issue = res.json.issues.find((i: { path: string }) => i.path === path);
    expect(issue?.message.en, JSON.stringify(res.json.issues)).toMatch(message);
  });

  it('refuses an unknown document type, and every other role', async () => {
    expect((await as('admin')('PUT', '/api/admin/register-formats/NOTA', valid)).status).toBe(400);
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const user = USER_OF[role] as string;
      expect((await as(user)('GET', '/api/admin/register-formats')).status, role).toBe(403);
      expect((await as(user)('PUT', '/api/admin/register-formats/PKS', valid)).status, role).toBe(403);
    }
  });
});
