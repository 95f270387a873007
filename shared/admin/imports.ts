import { ulid } from 'ulid';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { type Bilingual, say, toIssues } from '../form/messages.js';
import type { Identity } from '../identity/identity.js';
import type { FileStore } from '../ports/files.js';
import { requireAdmin } from './authorize.js';
import type { UnitAdmin } from './unit-admin.js';
import { newUserSchema, type User } from './user.js';
import {
  changeUser,
  freeUsername,
  type Invitation,
  recordInvitation,
  sendInvitation,
  type UserAdminDeps,
} from './users.js';
import { readWorkbook, resultWorkbook, type SheetName, type SheetRow } from './workbook.js';

export interface ImportDeps extends UserAdminDeps {
  unitAdmin: UnitAdmin;
  files: FileStore;
}

type Outcome = 'created' | 'updated' | 'unchanged' | 'failed';

export interface RowResult {
  sheet: SheetName;
  row: number;
  key: string;
  outcome: Outcome;
  error?: Bilingual;
}

type Tally = Record<Outcome, number>;

export interface ImportResult {
  units: Tally;
  users: Tally;
  rows: RowResult[];
  links: { result: string };
}

/** Invitations whose sign-in accounts are made at once (Cognito's calls wait; the log takes one at a time). */
const INVITING_AT_ONCE = 8;
const RESULT_LINK_SECONDS = 300;

/** A row's mistake: what the clerk reads beside it in the result sheet. */
class RowError extends Error {
  constructor(readonly text: Bilingual) {
    super(text.en);
  }
}

/** What a client error says, for the row that caused it; anything else (an outage) ends the import. */
function rowError(error: unknown): Bilingual {
  if (error instanceof RowError) return error.text;
  if (error instanceof ValidationError) {
    return say(
      error.issues.map((i) => `${i.path}: ${i.message.id}`).join('; '),
      error.issues.map((i) => `${i.path}: ${i.message.en}`).join('; '),
    );
  }
  if (error instanceof ConflictError || error instanceof ForbiddenError) return error.text;
  if (error instanceof NotFoundError)
    return say(`${error.what} tidak ditemukan`, `${error.what} was not found`);
  throw error;
}

const YES = ['true', 'ya', 'yes', '1', 'aktif', 'active'];
const NO = ['false', 'tidak', 'no', '0', 'nonaktif', 'inactive'];

/** An optional yes/no cell. */
function flag(row: SheetRow, column: string): boolean | undefined {
  const value = row.cells[column]?.toLowerCase();
  if (value === undefined) return undefined;
  if (YES.includes(value)) return true;
  if (NO.includes(value)) return false;
  throw new RowError(
    say(`${column}: tulis ya atau tidak (true/false)`, `${column}: write yes or no (true/false)`),
  );
}

function readable(row: SheetRow): void {
  if (row.problem) {
    throw new RowError(
      say(
        `${row.problem.column}: ${row.problem.message.id}`,
        `${row.problem.column}: ${row.problem.message.en}`,
      ),
    );
  }
}

/** A unit row: created, or brought to the row's name, head and active; nothing when it says what is stored. */
async function applyUnit(
  deps: ImportDeps,
  actor: Identity,
  regionId: string,
  row: SheetRow,
): Promise<Outcome> {
  readable(row);
  const { code, name_id, name_en, head_name, head_nip } = row.cells;
  const active = flag(row, 'active');
  const name = { id: name_id, en: name_en };
  const head = head_name ? { name: head_name, ...(head_nip ? { nip: head_nip } : {}) } : undefined;
  const existing = code ? await deps.units.get(regionId, code) : undefined;
  if (!existing) {
    const created = await deps.unitAdmin.create(actor, { code, name, ...(head ? { head } : {}) });
    if (active === false) await deps.unitAdmin.update(actor, created.code, { active: false });
    return 'created';
  }
  const after = await deps.unitAdmin.update(actor, existing.code, {
    name,
    ...(head ? { head } : {}),
    ...(active === undefined ? {} : { active }),
  });
  return after.updatedAt === existing.updatedAt ? 'unchanged' : 'updated';
}

/** A user row as the invitation reads it, and whether it says enabled. */
function userInput(row: SheetRow) {
  readable(row);
  const { name, email, nip, role, unit, username } = row.cells;
  const parsed = newUserSchema.safeParse({ name, email, nip, role, unit, username });
  if (!parsed.success) throw new ValidationError(toIssues(parsed.error));
  return { input: parsed.data, enabled: flag(row, 'enabled') };
}

/**
 * A stored user brought to the row's role, unit and enabled; the row must name them as they are
 * stored (name, NIP, username), as the import changes nothing else of a user.
 */
async function applyToStored(
  deps: ImportDeps,
  actor: Identity,
  regionId: string,
  user: User,
  { input, enabled }: ReturnType<typeof userInput>,
): Promise<Outcome> {
  const differs = [
    ...(input.name !== user.name ? ['name'] : []),
    ...(input.nip !== user.nip ? ['nip'] : []),
    ...(input.username && input.username !== user.username ? ['username'] : []),
  ];
  if (differs.length) {
    throw new RowError(
      say(
        `${differs.join(', ')} berbeda dari pengguna ${user.email} yang tersimpan: impor hanya mengubah role, unit dan enabled`,
        `${differs.join(', ')} differ from the stored user ${user.email}: an import changes only role, unit and enabled`,
      ),
    );
  }
  const after = await changeUser(deps, actor, regionId, user.id, {
    role: input.role,
    unit: input.unit ?? null,
    ...(enabled === undefined ? {} : { enabled }),
  });
  return after.updatedAt === user.updatedAt ? 'unchanged' : 'updated';
}

/** Runs `work` on each item, at most `n` at once, in order of start. */
async function atMost<T>(n: number, items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/**
 * POST /api/admin/imports: a workbook of units and users, each row validated and applied through the
 * same changes as the single endpoints, so a row applies alone (a mistake fails that row only) and
 * the same file again leaves everything unchanged. Units first (the users may name new ones); new
 * users' accounts are made several at a time, then stored one by one in the rows' order. The result
 * workbook (the rows with their outcome and error) is kept under `imports/` with a 5-minute link.
 * The file is read only once the caller is known to be an admin: anyone else is refused whatever
 * they sent.
 */
export async function importWorkbook(
  deps: ImportDeps,
  actor: Identity,
  regionId: string,
  readFile: () => { contentType: string; bytes: Uint8Array },
): Promise<ImportResult> {
  requireAdmin(actor);
  const file = readFile();
  const sheets = await readWorkbook(file.contentType, file.bytes);
  const results = new Map<string, RowResult>();
  const record = (sheet: SheetName, row: SheetRow, key: string, outcome: Outcome, error?: Bilingual) =>
    results.set(`${sheet}#${row.row}`, { sheet, row: row.row, key, outcome, ...(error ? { error } : {}) });
  const attempt = async (sheet: SheetName, row: SheetRow, key: string, apply: () => Promise<Outcome>) => {
    try {
      record(sheet, row, key, await apply());
    } catch (error) {
      record(sheet, row, key, 'failed', rowError(error));
    }
  };

  for (const row of sheets.get('units')?.rows ?? []) {
    await attempt('units', row, row.cells.code ?? '', () => applyUnit(deps, actor, regionId, row));
  }

  const users = sheets.get('users')?.rows ?? [];
  const seen = new Map<string, number>();
  const invitations = new Map<number, Promise<Invitation>>();
  const pending: { row: SheetRow; parsed: ReturnType<typeof userInput> }[] = [];
  for (const row of users) {
    const key = row.cells.email?.toLowerCase() ?? '';
    await attempt('users', row, key, async () => {
      const parsed = userInput(row);
      for (const name of [parsed.input.email, parsed.input.username].filter(Boolean) as string[]) {
        const first = seen.get(name);
        if (first !== undefined) {
          throw new RowError(
            say(`${name} sudah ada di baris ${first}`, `${name} is already in row ${first}`),
          );
        }
        seen.set(name, row.row);
      }
      const owner = await deps.users.emailOwner(parsed.input.email);
      const stored = owner && (await deps.users.get(regionId, owner));
      if (owner && !stored) {
        throw new RowError(
          say(
            `Email ${parsed.input.email} dipakai pengguna wilayah lain`,
            `The email ${parsed.input.email} is used by a user of another region`,
          ),
        );
      }
      if (stored) return applyToStored(deps, actor, regionId, stored, parsed);
      // Usernames made from emails are chosen here, one row after another, so that two new rows
      // never pick the same one while their accounts are made at once.
      if (!parsed.input.username) {
        parsed.input.username = await freeUsername(deps.users, parsed.input.email, (u) => seen.has(u));
        seen.set(parsed.input.username, row.row);
      }
      pending.push({ row, parsed });
      return 'created';
    });
  }
  // New users: their accounts several at a time, then each stored in the rows' order.
  await atMost(INVITING_AT_ONCE, pending, async ({ row, parsed }) => {
    const invitation = sendInvitation(deps, actor, regionId, parsed.input);
    invitations.set(row.row, invitation);
    await invitation.catch(() => undefined);
  });
  for (const { row, parsed } of pending) {
    await attempt('users', row, parsed.input.email, async () => {
      const user = await recordInvitation(
        deps,
        actor,
        regionId,
        await (invitations.get(row.row) as Promise<Invitation>),
      );
      if (parsed.enabled === false) await changeUser(deps, actor, regionId, user.id, { enabled: false });
      return 'created';
    });
  }

  const rows = [...results.values()].sort((a, b) =>
    a.sheet === b.sheet ? a.row - b.row : a.sheet === 'units' ? -1 : 1,
  );
  const tally = (sheet: SheetName): Tally => {
    const count = (outcome: Outcome) => rows.filter((r) => r.sheet === sheet && r.outcome === outcome).length;
    return {
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      failed: count('failed'),
    };
  };
  const key = `imports/${ulid()}.xlsx`;
  const workbook = await resultWorkbook(sheets, (sheet, row) => {
    const result = results.get(`${sheet}#${row}`);
    return { outcome: result?.outcome ?? 'failed', ...(result?.error ? { error: result.error } : {}) };
  });
  await deps.files.put(key, workbook, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return {
    units: tally('units'),
    users: tally('users'),
    rows,
    links: { result: await deps.files.downloadUrl(key, 'hasil-impor.xlsx', RESULT_LINK_SECONDS) },
  };
}
