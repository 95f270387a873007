import ExcelJS from 'exceljs';
import { DEMO_USERS } from '../infra/local/demo-users.js';
import type { EmbeddedStack } from '../infra/local/stack.js';
import { DynamoUserStore } from '../shared/adapters/aws/dynamo-users.js';
import { unstage } from '../shared/adapters/aws/staged.js';
import { Table } from '../shared/adapters/aws/table.js';
import type { User } from '../shared/admin/user.js';
import { XLSX_TYPE } from '../shared/admin/workbook.js';
import { ROLES } from '../shared/identity/identity.js';
import { report } from './stats.js';

const FIRST = ['Ahmad', 'Siti', 'Budi', 'Dewi', 'Eko', 'Fitri', 'Gilang', 'Hesti', 'Irfan', 'Joko'];
const LAST = ['Saputra', 'Wijaya', 'Lestiani', 'Kurniadi', 'Halim', 'Pratiwi', 'Susanto', 'Nugroho'];
const UNITS = Array.from({ length: 40 }, (_, i) => `OPD${String(i + 1).padStart(2, '0')}`);

/** The n-th of the bench's users: every role, 40 units, names that repeat as real ones do. */
function benchUser(regionId: string, n: number, at: string): User {
  const role = ROLES[n % ROLES.length] as User['role'];
  const unit = role === 'opd_drafter' || role === 'opd_head' ? UNITS[n % UNITS.length] : undefined;
  return {
    id: `u-bench-${n}`,
    regionId,
    username: `pegawai.${n}`,
    name: `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]} ${n}`,
    email: `pegawai.${n}@opd.example.go.id`,
    nip: `1990${String(n).padStart(14, '0')}`,
    role,
    ...(unit ? { unit } : {}),
    enabled: n % 17 !== 0,
    createdAt: at,
    updatedAt: at,
  };
}

/** Timed requests, each over HTTP as the admin. */
async function requests(stack: EmbeddedStack, paths: string[]): Promise<number[]> {
  const admin = DEMO_USERS.find((u) => u.role === 'admin');
  if (!admin) throw new Error('no admin');
  const token = await stack.auth.issue(admin);
  const samples: number[] = [];
  for (const path of paths) {
    const start = performance.now();
    const res = await fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { items: unknown[] };
    samples.push(performance.now() - start);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  }
  return samples;
}

/** Every page of a listing, each page one timed request. */
async function allPages(stack: EmbeddedStack, query: string): Promise<number[]> {
  const admin = DEMO_USERS.find((u) => u.role === 'admin');
  if (!admin) throw new Error('no admin');
  const token = await stack.auth.issue(admin);
  const samples: number[] = [];
  let cursor: string | undefined;
  do {
    const start = performance.now();
    const res = await fetch(`${stack.baseUrl}/api/admin/users?${query}${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { nextCursor?: string };
    samples.push(performance.now() - start);
    cursor = body.nextCursor;
  } while (cursor);
  return samples;
}

/** 2,000 users in the store, listed, filtered and searched through GET /api/admin/users. */
export async function usersBench(stack: EmbeddedStack, count = 2000): Promise<void> {
  const table = new Table(stack.env.TABLE_NAME as string);
  const store = new DynamoUserStore(table);
  const regionId = stack.env.REGION_ID as string;
  const at = new Date().toISOString();
  for (let n = 0; n < count; n += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - n) }, (_, i) =>
        table.transact(
          `bench-user-${n + i}`,
          store.createWrites(benchUser(regionId, n + i, at)).map(unstage),
        ),
      ),
    );
  }
  report(`users list, ${count} users: a page of 20`, await allPages(stack, 'limit=20'), '≤ 50 ms median');
  report(`users list, ${count} users: a page of 100`, await allPages(stack, 'limit=100'));
  // A search that matches one user scans the region's partition in reads of up to 1,000 items.
  const rare = Array.from({ length: 100 }, (_, i) => `/api/admin/users?q=pegawai.${(i * 37) % count}@`);
  report(`users search, one match in ${count}`, await requests(stack, rare), '≤ 100 ms median');
  const common = Array.from({ length: 100 }, (_, i) => `/api/admin/users?q=${FIRST[i % FIRST.length]}`);
  report(`users search, a tenth of ${count}`, await requests(stack, common));
  const byUnit = Array.from({ length: 100 }, (_, i) => `/api/admin/users?unit=${UNITS[i % UNITS.length]}`);
  report(`users of one of 40 units, ${count} users`, await requests(stack, byUnit));
  const disabled = Array.from(
    { length: 100 },
    (_, i) => `/api/admin/users?role=${ROLES[i % ROLES.length]}&enabled=false`,
  );
  report(`disabled users of a role, ${count} users`, await requests(stack, disabled));
}

/** A region's onboarding workbook: 40 units and 300 users of them (`run` keeps each run's people apart). */
async function onboardingWorkbook(run: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const units = book.addWorksheet('units');
  units.addRow(['code', 'name_id', 'name_en', 'head_name', 'head_nip']);
  for (let u = 0; u < 40; u++) {
    units.addRow([
      `R${run}U${u}`,
      `Dinas ${run}-${u}`,
      `Office ${run}-${u}`,
      `Kepala ${u}`,
      `1970${String(run * 100 + u).padStart(14, '0')}`,
    ]);
  }
  const users = book.addWorksheet('users');
  users.addRow(['name', 'email', 'nip', 'role', 'unit']);
  for (let n = 0; n < 300; n++) {
    users.addRow([
      `${FIRST[n % FIRST.length]} ${LAST[n % LAST.length]}`,
      `staf.${run}.${n}@opd.example.go.id`,
      `1985${String(run * 1000 + n).padStart(14, '0')}`,
      n % 10 === 0 ? 'opd_head' : 'opd_drafter',
      `R${run}U${n % 40}`,
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** POST /api/admin/imports of a 340-row workbook: new each time, then the same file again (all unchanged). */
export async function importBench(stack: EmbeddedStack, runs = 5): Promise<void> {
  const admin = DEMO_USERS.find((u) => u.role === 'admin');
  if (!admin) throw new Error('no admin');
  const token = await stack.auth.issue(admin);
  const post = async (body: Buffer, expect: string) => {
    const start = performance.now();
    const res = await fetch(`${stack.baseUrl}/api/admin/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': XLSX_TYPE },
      body: new Blob([new Uint8Array(body)]),
    });
    const result = (await res.json()) as { users: Record<string, number>; units: Record<string, number> };
    const elapsed = performance.now() - start;
    if (res.status !== 200 || result.users[expect] !== 300 || result.units[expect] !== 40) {
      throw new Error(`import answered ${res.status}: ${JSON.stringify(result).slice(0, 500)}`);
    }
    return elapsed;
  };
  const first: number[] = [];
  const again: number[] = [];
  for (let run = 0; run < runs; run++) {
    const file = await onboardingWorkbook(run);
    first.push(await post(file, 'created'));
    again.push(await post(file, 'unchanged'));
  }
  report('import 40 units + 300 users (XLSX), new', first, '≤ 29 s (API Gateway)');
  report('the same workbook again (all unchanged)', again);
}
