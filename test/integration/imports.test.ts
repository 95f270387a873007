import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { XLSX_TYPE } from '../../shared/admin/workbook.js';
import { sampleFor } from '../support/samples.js';
import { apiAs } from './support/api.js';
import { useEmbeddedStack } from './support/stack.js';

/** Bulk onboarding on the embedded stack: a workbook of units and users, row by row. */
const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);
const admin = as('admin');

type Cell = string | number | null;

/** An XLSX workbook with these sheets, each a header row then its rows (cells as typed). */
async function workbook(sheets: Record<string, Cell[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(body: Uint8Array | string, type = XLSX_TYPE, caller = 'admin') {
  const token = await stack.token(caller);
  const res = await fetch(`${stack.baseUrl}/api/admin/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: typeof body === 'string' ? body : new Blob([Buffer.from(body)]),
  });
  return { status: res.status, json: await res.json() };
}

const UNITS: Cell[][] = [
  ['code', 'name_id', 'name_en', 'head_name', 'head_nip', 'active'],
  [
    'BAPPEDA',
    'Badan Perencanaan Pembangunan Daerah',
    'Regional Development Planning Agency',
    'Ir. Yudhistira Pamungkas',
    '197601012002121001',
    'ya',
  ],
  ['DISHUB', 'Dinas Perhubungan', 'Transport Office', null, null, null],
  ['OLDUNIT', 'Unit Lama', 'Former Unit', null, null, 'tidak'],
  ['bad code', 'Unit Salah', 'Wrong Unit', null, null, null],
];

const USERS: Cell[][] = [
  ['name', 'email', 'nip', 'role', 'unit', 'username', 'enabled'],
  [
    'Citra Anggraini',
    'citra@bappeda.example.go.id',
    '199105052016032002',
    'opd_drafter',
    'BAPPEDA',
    null,
    null,
  ],
  [
    'Dharma Setiawan',
    'dharma@bappeda.example.go.id',
    '198212122008011003',
    'opd_head',
    'BAPPEDA',
    'dharma.s',
    'ya',
  ],
  ['Eka Wulandaru', 'eka@dishub.example.go.id', '199307072019022001', 'opd_drafter', 'DISHUB', null, 'tidak'],
  ['Fajar Ramadhan', 'fajar@dishub.example.go.id', '1993070720190', 'opd_drafter', 'DISHUB', null, null],
  ['Gita Permata', 'gita@biro.example.go.id', '199401012020122001', 'opd_drafter', null, null, null],
  ['Hadi Kusuma', 'hadi@x.example.go.id', '199401012020121002', 'opd_drafter', 'NOWHERE', null, null],
  ['Citra Kedua', 'CITRA@bappeda.example.go.id', '199105052016032009', 'biro_staff', null, null, null],
  ['Indah Lestiani', 'indah@dishub.example.go.id', 199307072019022000, 'opd_drafter', 'DISHUB', null, null],
  // A demo user moved to BAPPEDA, and one stated as stored.
  [
    'Bayu Arditya Nugraha',
    'bayu@dispar.example.go.id',
    '199208172019031002',
    'opd_drafter',
    'BAPPEDA',
    null,
    null,
  ],
  ['Galih Pramudya', 'galih@biro.example.go.id', '198806232014021001', 'biro_staff', null, 'biro.staf', 'ya'],
  ['Ratna Berbeda', 'ratna@biro.example.go.id', '197502142000032002', 'biro_head', null, null, null],
];

describe('a workbook of units and users', () => {
  let first: { status: number; json: { rows: Row[]; links: { result: string } } & Record<string, unknown> };
  type Row = { sheet: string; row: number; key: string; outcome: string; error?: { id: string; en: string } };
  const outcome = (rows: Row[], sheet: string, row: number) =>
    rows.find((r) => r.sheet === sheet && r.row === row);

  it('applies each row on its own: a row with a mistake fails alone, naming it', async () => {
    first = (await upload(await workbook({ units: UNITS, users: USERS }))) as typeof first;
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    const rows = first.json.rows;
    expect(rows.map((r) => [r.sheet, r.row, r.key, r.outcome])).toEqual([
      ['units', 2, 'BAPPEDA', 'created'],
      ['units', 3, 'DISHUB', 'created'],
      ['units', 4, 'OLDUNIT', 'created'],
      ['units', 5, 'bad code', 'failed'],
      ['users', 2, 'citra@bappeda.example.go.id', 'created'],
      ['users', 3, 'dharma@bappeda.example.go.id', 'created'],
      ['users', 4, 'eka@dishub.example.go.id', 'created'],
      ['users', 5, 'fajar@dishub.example.go.id', 'failed'],
      ['users', 6, 'gita@biro.example.go.id', 'failed'],
      ['users', 7, 'hadi@x.example.go.id', 'failed'],
      ['users', 8, 'citra@bappeda.example.go.id', 'failed'],
      ['users', 9, 'indah@dishub.example.go.id', 'failed'],
      ['users', 10, 'bayu@dispar.example.go.id', 'updated'],
      ['users', 11, 'galih@biro.example.go.id', 'unchanged'],
      ['users', 12, 'ratna@biro.example.go.id', 'failed'],
    ]);
    expect(outcome(rows, 'units', 5)?.error?.en).toMatch(/^code: must be a short code/);
    expect(outcome(rows, 'users', 5)?.error?.en).toBe('nip: must be an NIP of 18 digits');
    expect(outcome(rows, 'users', 6)?.error?.en).toBe('unit: is required for an OPD role');
    expect(outcome(rows, 'users', 7)?.error?.en).toBe('unit: unit NOWHERE is not registered or not active');
    expect(outcome(rows, 'users', 8)?.error?.en).toBe('citra@bappeda.example.go.id is already in row 2');
    expect(outcome(rows, 'users', 9)?.error?.en).toMatch(
      /^nip: a number of more than 15 digits is not kept whole/,
    );
    expect(outcome(rows, 'users', 12)?.error?.en).toMatch(/^name differ from the stored user ratna@/);
    expect(outcome(rows, 'users', 12)?.error?.id).toMatch(/^name berbeda/);
    expect(first.json.units).toEqual({ created: 3, updated: 0, unchanged: 0, failed: 1 });
    expect(first.json.users).toEqual({ created: 3, updated: 1, unchanged: 1, failed: 6 });
  });

  it('left the users and units as the rows say, and nothing of the failed rows', async () => {
    const units = await admin('GET', '/api/admin/units?includeInactive=true&limit=100');
    const byCode = Object.fromEntries(units.json.items.map((u: { code: string }) => [u.code, u]));
    expect(byCode.BAPPEDA).toMatchObject({
      active: true,
      head: { name: 'Ir. Yudhistira Pamungkas', nip: '197601012002121001' },
    });
    expect(byCode.OLDUNIT.active).toBe(false);
    const users = await admin('GET', '/api/admin/users?limit=100');
    const byEmail = Object.fromEntries(users.json.items.map((u: { email: string }) => [u.email, u]));
    expect(byEmail['citra@bappeda.example.go.id']).toMatchObject({
      username: 'citra',
      role: 'opd_drafter',
      unit: 'BAPPEDA',
      enabled: true,
    });
    expect(byEmail['dharma@bappeda.example.go.id']).toMatchObject({ username: 'dharma.s', role: 'opd_head' });
    expect(byEmail['eka@dishub.example.go.id'].enabled).toBe(false);
    expect(byEmail['bayu@dispar.example.go.id']).toMatchObject({ unit: 'BAPPEDA' });
    for (const email of [
      'fajar@dishub.example.go.id',
      'gita@biro.example.go.id',
      'hadi@x.example.go.id',
      'indah@dishub.example.go.id',
    ]) {
      expect(byEmail[email], email).toBeUndefined();
    }
    expect(byEmail['galih@biro.example.go.id'].name).toBe('Galih Pramudya');
    // The imported drafter drafts for the imported unit.
    const draft = await as('citra')('POST', '/api/agreements', {
      ...sampleFor('pks'),
      initiatingUnit: { code: 'BAPPEDA' },
    });
    expect(draft.status, JSON.stringify(draft.json)).toBe(201);
    // Each change is an admin-log event of the importing admin.
    const log = await admin('GET', '/api/admin/log?limit=100');
    const actions = log.json.items.map(
      (e: { action: string; target: { id: string } }) => `${e.action} ${e.target.id}`,
    );
    expect(actions).toContain('unit.create BAPPEDA');
    expect(actions).toContain('unit.deactivate OLDUNIT');
    expect(actions).toContain(`user.unit u-dispar-drafter`);
  });

  it('changes nothing when the same file comes again', async () => {
    const before = await admin('GET', '/api/admin/log?limit=1');
    const again = await upload(await workbook({ units: UNITS, users: USERS }));
    expect(again.status).toBe(200);
    expect(again.json.units).toEqual({ created: 0, updated: 0, unchanged: 3, failed: 1 });
    expect(again.json.users).toEqual({ created: 0, updated: 0, unchanged: 5, failed: 6 });
    const after = await admin('GET', '/api/admin/log?limit=1');
    expect(after.json.items[0].seq).toBe(before.json.items[0].seq);
  });

  it('gives back the rows with their outcome and error, as a workbook behind a 5-minute link', async () => {
    const link = new URL(first.json.links.result);
    expect(Number(link.searchParams.get('X-Amz-Expires'))).toBe(300);
    const res = await fetch(link);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as never);
    const rowsOf = (name: string) =>
      (book.getWorksheet(name)?.getSheetValues() ?? []).filter(Boolean).map((r) => (r as unknown[]).slice(1));
    const users = rowsOf('users');
    expect(users[0]).toEqual([
      'row',
      'name',
      'email',
      'nip',
      'role',
      'unit',
      'username',
      'enabled',
      'outcome',
      'error',
      'galat',
    ]);
    expect(users[1]?.slice(0, 4)).toEqual([
      2,
      'Citra Anggraini',
      'citra@bappeda.example.go.id',
      '199105052016032002',
    ]);
    expect(users[1]?.[8]).toBe('created');
    expect(users[4]?.slice(8)).toEqual([
      'failed',
      'nip: must be an NIP of 18 digits',
      'nip: harus NIP 18 angka',
    ]);
    expect(rowsOf('units')[4]?.slice(-3, -1)).toEqual(['failed', expect.stringMatching(/^code: /)]);
    // Read as the file is, not through the library that wrote it: every NIP is a text cell (a number
    // would lose its last digits when the sheet is opened).
    const files = unzipSync(bytes);
    const xml = (name: string) => strFromU8(files[name] as Uint8Array);
    const strings = [...xml('xl/sharedStrings.xml').matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
    const nipCell = /<c r="D2"([^>]*)><v>(\d+)<\/v><\/c>/.exec(xml('xl/worksheets/sheet2.xml'));
    expect(nipCell?.[1]).toContain('t="s"');
    expect(strings[Number(nipCell?.[2])]).toBe('199105052016032002');
  });
});

describe('a CSV file with [units] and [users] sections', () => {
  it('is read as the workbook is, text kept as typed', async () => {
    const csv = [
      '[units]',
      'code,name_id,name_en',
      'DISPERKIM,"Dinas Perumahan, Kawasan Permukiman",Housing and Settlements Office',
      '',
      '[users]',
      'name,email,nip,role,unit',
      'Łucja Nurhaliza,lucja@disperkim.example.go.id,199512122021032001,opd_drafter,DISPERKIM',
    ].join('\r\n');
    const res = await upload(`\uFEFF${csv}`, 'text/csv');
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['created', 'created']);
    const user = await admin('GET', '/api/admin/users?q=lucja');
    expect(user.json.items[0]).toMatchObject({
      name: 'Łucja Nurhaliza',
      nip: '199512122021032001',
      unit: 'DISPERKIM',
    });
    const unit = await admin('GET', '/api/admin/units?q=disperkim');
    expect(unit.json.items[0].name.id).toBe('Dinas Perumahan, Kawasan Permukiman');
  });
});

describe('a file that cannot be imported', () => {
  it('is refused whole, naming why, and changes nothing', async () => {
    const before = await admin('GET', '/api/admin/log?limit=1');
    expect((await upload('name,email', 'application/json')).status).toBe(415);
    const garbage = await upload(Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(garbage.status).toBe(400);
    expect(garbage.json.issues[0]).toMatchObject({
      path: 'file',
      message: { en: 'is not a readable XLSX workbook' },
    });
    const columns = await upload(
      await workbook({
        users: [
          ['name', 'mail', 'nip', 'role'],
          ['A', 'a@example.go.id', '1', 'sekda'],
        ],
      }),
    );
    expect(columns.status).toBe(400);
    expect(columns.json.issues[0].message.en).toMatch(/^sheet "users": no column email/);
    const empty = await upload(await workbook({ Sheet1: [['x'], ['y']] }));
    expect(empty.json.issues[0].message.en).toMatch(/^no rows in a sheet "units" or "users"/);
    const section = await upload('[pengguna]\nname\n', 'text/csv');
    expect(section.json.issues[0].message.en).toMatch(/^unknown section \[pengguna\]/);
    const big = await upload(Buffer.alloc(5 * 1024 * 1024 + 1, 65), 'text/csv');
    expect(big.status).toBe(400);
    expect(big.json.message.en).toBe('The file is empty or larger than 5 MB');
    const after = await admin('GET', '/api/admin/log?limit=1');
    expect(after.json.items[0].seq).toBe(before.json.items[0].seq);
  });

  it('is refused to every role but the admin', async () => {
    const file = await workbook({ units: UNITS });
    for (const user of DEMO_USERS.filter((u) => u.role !== 'admin')) {
      const res = await upload(file, XLSX_TYPE, user.username);
      expect(res.status, user.username).toBe(403);
    }
  });
});
