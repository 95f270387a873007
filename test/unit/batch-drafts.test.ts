import { describe, expect, it } from 'vitest';
import { BatchDrafts } from '../../shared/batch/drafts.js';
import { UnauthorizedError, UnavailableError, ValidationError } from '../../shared/errors.js';
import type { Identity } from '../../shared/identity/identity.js';
import type { Batch, BatchRow, BatchStore } from '../../shared/ports/batches.js';
import { RaceLostError } from '../../shared/workflow/race.js';
import { batchWorkbook, school } from '../support/batch-workbook.js';

const BATCH_ID = '01JBZZZZZZZZZZZZZZZZZZZZZZ';
const KEY = `batches/${BATCH_ID}.xlsx`;
const DRAFTER: Identity = {
  sub: 'u-1',
  username: 'penyusun',
  name: 'Penyusun',
  email: 'penyusun@example.go.id',
  role: 'opd_drafter',
  unit: 'DISDIK',
};

/** The batch store as the table keeps it, in memory: rows written once, counts with them. */
function memoryStore() {
  const batch: Batch = {
    batchId: BATCH_ID,
    status: 'pending',
    bucket: 'incoming',
    key: KEY,
    drafter: { sub: DRAFTER.sub, name: DRAFTER.name, unit: 'DISDIK' },
    createdAt: '2026-01-01T00:00:00Z',
    total: 0,
    done: 0,
    failed: 0,
  };
  const rows = new Map<number, BatchRow>();
  const record = (row: BatchRow, count: 'done' | 'failed') => {
    if (rows.has(row.row) || batch.status !== 'running') return false;
    rows.set(row.row, row);
    batch[count]++;
    return true;
  };
  const store: BatchStore = {
    putBatch: async () => {},
    getBatch: async () => ({ ...batch }),
    rows: async () => [...rows.values()],
    start: async (_, total) => {
      if (batch.status !== 'pending' && batch.status !== 'running') return false;
      Object.assign(batch, { status: 'running', total });
      return true;
    },
    recordFailedRow: async (_, row) => record(row, 'failed'),
    finish: async () => {
      if (batch.status !== 'running') return false;
      batch.status = 'done';
      return true;
    },
    end: async (_, status, reason) => {
      if (batch.status !== 'pending' && !(status === 'failed' && batch.status === 'running')) return false;
      Object.assign(batch, { status, reason });
      return true;
    },
  };
  return {
    batch,
    rows,
    store,
    draftRow: (row: number, agreementId: string) => record({ row, agreementId }, 'done'),
  };
}

async function drafts(
  create: (row: number) => Promise<unknown>,
  drafter: (sub: string) => Promise<Identity> = async () => DRAFTER,
) {
  const memory = memoryStore();
  const bytes = new Uint8Array(await batchWorkbook({ rows: [school(1), school(2), school(3)] }));
  const removed: string[][] = [];
  const service = new BatchDrafts({
    store: memory.store,
    files: {
      put: async () => {},
      putFile: async () => {},
      get: async () => new Uint8Array(),
      head: async () => undefined,
      remove: async (keys) => {
        removed.push(keys);
      },
      downloadUrl: async () => '',
    },
    uploaded: { head: async () => ({ size: bytes.byteLength, contentType: '' }), get: async () => bytes },
    clock: { now: () => new Date('2026-01-01T00:00:00Z') },
    drafting: () => ({
      create: async (form, _user, key, also) => {
        const row = Number(String(key).split('#')[2]);
        expect(also).toEqual([{ kind: 'batch-row', batchId: BATCH_ID, row }]);
        expect((form as { initiatingUnit: unknown }).initiatingUnit).toEqual({ code: 'DISDIK' });
        await create(row);
        memory.draftRow(row, `A${row}`);
        return { id: `A${row}` } as never;
      },
    }),
    drafter,
  });
  return { memory, service, removed };
}

describe('drafting a batch', () => {
  it('records a row the form refuses and drafts the others', async () => {
    const { memory, service } = await drafts(async (row) => {
      if (row === 4) throw new ValidationError([{ path: 'title.id', message: { id: 'x', en: 'y' } }]);
    });
    expect(await service.draft('incoming', KEY)).toEqual({
      outcome: 'done',
      batchId: BATCH_ID,
      done: 2,
      failed: 1,
    });
    expect(memory.batch).toMatchObject({ status: 'done', total: 3, done: 2, failed: 1 });
    expect(memory.rows.get(4)).toEqual({
      row: 4,
      errors: [{ path: 'title.id', message: { id: 'x', en: 'y' } }],
    });
  });

  it('throws on an outage, recording nothing for that row, and resumes there when the event is retried', async () => {
    let down = true;
    const { memory, service } = await drafts(async (row) => {
      if (row === 3 && down) throw new UnavailableError('DynamoDB');
    });
    await expect(service.draft('incoming', KEY)).rejects.toBeInstanceOf(UnavailableError);
    expect(memory.batch).toMatchObject({ status: 'running', done: 1, failed: 0 });
    expect([...memory.rows.keys()]).toEqual([2]);
    down = false;
    expect(await service.draft('incoming', KEY)).toMatchObject({ outcome: 'done', done: 3, failed: 0 });
    expect(await service.draft('incoming', KEY)).toEqual({ outcome: 'duplicate', batchId: BATCH_ID });
  });

  it('takes a race lost to a concurrent delivery that recorded the row as done, not failed', async () => {
    const { memory, service } = await drafts(async (row) => {
      if (row === 2) {
        memory.draftRow(2, 'A-other');
        throw new RaceLostError('A2');
      }
    });
    expect(await service.draft('incoming', KEY)).toMatchObject({ outcome: 'done', done: 3, failed: 0 });
    expect(memory.rows.get(2)).toEqual({ row: 2, agreementId: 'A-other' });
  });

  it('refuses the batch when its drafter may no longer draft for the unit', async () => {
    const disabled = await drafts(
      async () => {},
      async () => {
        throw new UnauthorizedError({ id: 'tidak terdaftar', en: 'not registered' });
      },
    );
    expect(await disabled.service.draft('incoming', KEY)).toEqual({ outcome: 'refused', batchId: BATCH_ID });
    expect(disabled.memory.batch.reason).toEqual({ id: 'tidak terdaftar', en: 'not registered' });
    const moved = await drafts(
      async () => {},
      async () => ({ ...DRAFTER, unit: 'DISPAR' }),
    );
    expect(await moved.service.draft('incoming', KEY)).toEqual({ outcome: 'refused', batchId: BATCH_ID });
    expect(moved.memory.batch.reason?.en).toBe('Penyusun is no longer an OPD drafter of DISDIK');
    expect(moved.memory.rows.size).toBe(0);
  });

  it('ignores objects that are no batch upload', async () => {
    const { service } = await drafts(async () => {});
    expect(await service.draft('incoming', 'batches/other.xlsx')).toMatchObject({ outcome: 'ignored' });
    expect(await service.draft('elsewhere', KEY)).toMatchObject({ outcome: 'ignored' });
  });
});
