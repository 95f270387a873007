import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { DynamoAgreements } from '../../shared/adapters/aws/dynamo-agreements.js';
import { DynamoAuditEvents } from '../../shared/adapters/aws/dynamo-audit-events.js';
import { DynamoAgreementChanges } from '../../shared/adapters/aws/dynamo-changes.js';
import { DynamoEvaluationReadModel } from '../../shared/adapters/aws/dynamo-evaluation.js';
import { DynamoOutbox } from '../../shared/adapters/aws/dynamo-outbox.js';
import { DynamoUploadStore } from '../../shared/adapters/aws/dynamo-uploads.js';
import { S3FileStore } from '../../shared/adapters/aws/s3-file-store.js';
import { Table } from '../../shared/adapters/aws/table.js';
import type { Agreement } from '../../shared/agreement/agreement.js';
import { facets } from '../../shared/archive/archive-record.js';
import { counterDelta, summarise } from '../../shared/evaluation/counters.js';
import { endedPeriods } from '../../shared/evaluation/daily-job.js';
import { addDays, addYears, validUntil } from '../../shared/evaluation/lifecycle.js';
import { listEntries, planList } from '../../shared/evaluation/lists.js';
import { Termination } from '../../shared/evaluation/termination.js';
import type { Identity } from '../../shared/identity/identity.js';
import type { OutboxMessage } from '../../shared/ports/outbox.js';
import { DRAFTER, sampleFor } from '../support/samples.js';
import {
  archivedHead,
  createEvent,
  syntheticAgreement,
  syntheticRecord,
  syntheticVersion,
} from '../support/synthetic.js';
import { apiAs } from './support/api.js';
import { dailyJobOn } from './support/daily.js';
import { journey } from './support/journey.js';
import { useEmbeddedStack } from './support/stack.js';

const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);
const { signedByRegion, upload } = journey(stack);
const today = new Date().toISOString().slice(0, 10);

const stores = () => {
  const table = new Table(stack.env.TABLE_NAME as string);
  return {
    agreements: new DynamoAgreements(table),
    changes: new DynamoAgreementChanges(table),
    events: new DynamoAuditEvents(table),
    uploads: new DynamoUploadStore(table),
    outbox: new DynamoOutbox(table),
    evaluation: new DynamoEvaluationReadModel(table),
  };
};

const jobOn = (day: string) => dailyJobOn(stack, day);

/** Outbox messages the job queued for an agreement since `seen`. */
async function outboxOf(agreementId: string): Promise<OutboxMessage[]> {
  return (await stores().outbox.outbox(1000)).filter((m) => m.agreementId === agreementId);
}

/** Every agreement head in the table, counted from scratch: what the maintained counters must equal. */
async function recount() {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const heads: Agreement[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await client.send(
      new ScanCommand({
        TableName: stack.env.TABLE_NAME,
        FilterExpression: 'sk = :head',
        ExpressionAttributeValues: { ':head': 'AGREEMENT' },
        ExclusiveStartKey: start,
      }),
    );
    heads.push(...((out.Items ?? []) as Agreement[]));
    start = out.LastEvaluatedKey;
  } while (start);
  const counters = new Map<string, Record<string, number>>();
  for (const head of heads) {
    for (const [dimension, tally] of counterDelta(undefined, head)) {
      const c = counters.get(dimension) ?? {};
      for (const [key, n] of tally) c[key] = (c[key] ?? 0) + n;
      counters.set(dimension, c);
    }
  }
  return summarise([...counters].map(([dimension, c]) => ({ dimension, counters: c })) as never);
}

describe('the daily job (frozen clocks)', () => {
  let mou: string;
  let loi: string;
  let pks: string;
  let until: string;

  beforeAll(async () => {
    const form = sampleFor('mou');
    form.signing.date = addDays(today, -400);
    until = validUntil(form.signing.date, form.durationYears);
    const signed = await signedByRegion('mou', form);
    mou = signed.id;
    expect((await upload(mou, signed.pdf)).status).toBe('accepted');

    const loiForm = sampleFor('loi');
    loiForm.signing.date = addDays(today, -10);
    const signedLoi = await signedByRegion('loi', loiForm);
    loi = signedLoi.id;
    expect((await upload(loi, signedLoi.pdf)).status).toBe('accepted');

    // A PKS waiting for its OPD head's endorsement: the step the job finds overdue.
    const created = await as(DRAFTER.pks.username)('POST', '/api/agreements', sampleFor('pks'));
    pks = created.json.id;
    const submitted = await as(DRAFTER.pks.username)('POST', `/api/agreements/${pks}/actions`, {
      action: 'submit',
      version: 1,
    });
    expect(submitted.status).toBe(200);
  }, 120_000);

  it('reminds the holders of an overdue step once, and writes the reports of periods that ended', async () => {
    const inbox = await as(DRAFTER.pks.head)('GET', '/api/inbox');
    const entry = inbox.json.items.find((i: { agreementId: string }) => i.agreementId === pks);
    const day = addDays(entry.dueAt.slice(0, 10), 1);
    const first = await jobOn(day).run();
    expect(first).toMatchObject({ overdueReminders: 1, reports: endedPeriods(day) });
    const [reminder] = await outboxOf(pks).then((all) => all.filter((m) => m.subject.includes('Terlambat')));
    expect(reminder).toMatchObject({ to: { role: 'opd_head', unit: DRAFTER.pks.unit } });
    const second = await jobOn(day).run();
    expect(second).toMatchObject({ overdueReminders: 0, reports: [], statusChanges: 0, reminders: 0 });
    expect((await outboxOf(pks)).filter((m) => m.subject.includes('Terlambat'))).toHaveLength(1);
    const listed = await as('evaluator')('GET', '/api/reports');
    expect(listed.json.items.map((r: { period: string }) => r.period).sort()).toEqual(
      endedPeriods(day).sort(),
    );
  }, 60_000);

  it('reminds about an LoI a year old without an MoU, once', async () => {
    const day = addYears(addDays(today, -10), 1);
    const run = await jobOn(day).run();
    expect(run.reminders).toBe(1);
    const messages = (await outboxOf(loi)).filter((m) => m.subject.includes('LoI 12 bulan'));
    expect(messages.map((m) => m.to)).toHaveLength(2);
    expect(messages.map((m) => m.to)).toEqual(
      expect.arrayContaining([{ role: 'opd_head', unit: DRAFTER.loi.unit }, { role: 'biro_staff' }]),
    );
    await jobOn(day).run();
    expect((await outboxOf(loi)).filter((m) => m.subject.includes('LoI 12 bulan'))).toHaveLength(2);
  }, 60_000);

  it('moves the MoU into its expiry windows and out of force, each reminder once', async () => {
    const { agreements, evaluation } = stores();
    const days = [addDays(until, -179), addDays(until, -89), addDays(until, 1)];
    const expiring = await jobOn(days[0] as string).run();
    expect(expiring.statusChanges).toBeGreaterThanOrEqual(1);
    expect((await agreements.get(mou))?.status).toBe('expiring');
    expect((await jobOn(days[0] as string).run()).reminders).toBe(0);
    await jobOn(days[1] as string).run();
    await jobOn(days[1] as string).run();
    const reminders = (await outboxOf(mou))
      .filter((m) => m.subject.includes('berakhir'))
      .map((m) => `${m.to.role}:${m.subject.match(/berakhir \S+/)?.[0]}`);
    // Two windows, two recipients each, however often the job ran.
    expect(reminders.sort()).toEqual(
      [`biro_staff:berakhir ${until}`, `opd_head:berakhir ${until}`].flatMap((r) => [r, r]),
    );
    const inWindow = await evaluation.list(planList('expiring-90', days[1] as string), undefined, 100);
    expect(inWindow.items.map((i) => i.agreementId)).toContain(mou);

    await jobOn(days[2] as string).run();
    expect((await agreements.get(mou))?.status).toBe('expired');
    const expired = await evaluation.list(planList('expired', days[2] as string), undefined, 100);
    expect(expired.items.map((i) => i.agreementId)).toContain(mou);
    const open = await evaluation.list(planList('mou-without-pks', days[2] as string), undefined, 100);
    expect(open.items.map((i) => i.agreementId)).not.toContain(mou);
    const history = await as('biro.staf')('GET', `/api/agreements/${mou}/history`);
    const lifecycle = history.json.events.filter((e: { action: string }) => e.action === 'lifecycle');
    expect(lifecycle.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'expiring',
      'expiring',
      'expired',
    ]);
    expect(history.json.chainIntact).toBe(true);
    expect((await evaluation.counters()).length).toBeGreaterThan(0);
    expect(summarise(await evaluation.counters())).toEqual(await recount());
  }, 60_000);

  it('keeps the counters exact through concurrent creates, archiving, follow-ups, expiry and termination', async () => {
    const { agreements, changes, events, uploads, evaluation } = stores();
    const seeded = Array.from({ length: 48 }, (_, n) =>
      syntheticAgreement(n, `2019-0${1 + (n % 9)}-15T08:00:00.000Z`),
    );
    await Promise.all(
      seeded.map((a) =>
        changes.commit({
          after: a,
          event: createEvent(a),
          items: [{ kind: 'version', version: syntheticVersion(a) }],
        }),
      ),
    );
    // Three of every four are archived, all at once: counters of one shard collide and are retried.
    const archivedOn = '2020-03-01';
    const archived = seeded.filter((_, n) => n % 4 !== 0);
    const loiParent = archived.find((a) => a.documentType === 'LOI') as Agreement;
    const follower = archived.find((a) => a.documentType === 'MOU') as Agreement;
    // The LoI goes first; its follower and everything else then at once.
    const ordered = [loiParent, ...archived.filter((a) => a !== loiParent)];
    for (const batch of [ordered.slice(0, 1), ordered.slice(1)]) {
      await Promise.all(
        batch.map(async (a) => {
          const n = archived.indexOf(a);
          const parentId = a === follower ? loiParent.id : undefined;
          const record = syntheticRecord(a, archivedOn, n % 4, parentId);
          const { after, event } = archivedHead({ ...a, status: 'ready_to_sign' }, record, archivedOn);
          await uploads.putUpload({
            uploadId: record.uploadId,
            agreementId: a.id,
            bucket: 'incoming',
            key: `incoming/${a.id}/${record.uploadId}.pdf`,
            status: 'pending',
            createdAt: record.archivedAt,
            createdBy: { sub: 'seed', name: 'Seed', role: 'biro_staff' },
          });
          await changes.commit({
            before: a,
            after,
            event,
            items: [{ kind: 'archive', record, facets: facets(record), lists: listEntries(record) }],
          });
        }),
      );
    }
    expect(summarise(await evaluation.counters())).toEqual(await recount());
    const openLois = await evaluation.list(planList('loi-without-mou', '2030-01-01'), undefined, 100);
    expect(openLois.items.map((i) => i.agreementId)).not.toContain(loiParent.id);

    const terminated = archived.slice(0, 6);
    const termination = new Termination({
      agreements,
      changes,
      events,
      files: new S3FileStore(stack.env.DOCUMENTS_BUCKET as string),
      clock: { now: () => new Date('2021-01-01T00:00:00.000Z') },
    });
    const biro = DEMO_USERS.find((u) => u.role === 'biro_head') as Identity;
    await Promise.all(
      terminated.map((a) => termination.terminate(a.id, biro, { on: '2021-01-01', reason: 'Diakhiri' })),
    );
    // Years later the job expires what has run out, everything else stays in force.
    await jobOn('2024-06-01').run();
    const summary = summarise(await evaluation.counters());
    expect(summary).toEqual(await recount());
    expect(summary.byStatus.terminated).toBeGreaterThanOrEqual(6);
    expect(summary.byStatus.expired).toBeGreaterThan(0);
    expect(summary.byStatus.draft).toBe(12);
  }, 120_000);
});
