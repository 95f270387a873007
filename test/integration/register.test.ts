import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DynamoAgreements } from '../../shared/adapters/aws/dynamo-agreements.js';
import { DynamoAuditEvents } from '../../shared/adapters/aws/dynamo-audit-events.js';
import { DynamoAgreementChanges } from '../../shared/adapters/aws/dynamo-changes.js';
import { DynamoRegisterStore } from '../../shared/adapters/aws/dynamo-register.js';
import { DynamoRouteStore } from '../../shared/adapters/aws/dynamo-routes.js';
import { S3FileStore } from '../../shared/adapters/aws/s3-file-store.js';
import { Table } from '../../shared/adapters/aws/table.js';
import { UnavailableError } from '../../shared/errors.js';
import { ROLES } from '../../shared/identity/identity.js';
import { systemClock } from '../../shared/ports/clock.js';
import type { RegisterEntry } from '../../shared/register/entry.js';
import { WorkflowService } from '../../shared/workflow/service.js';
import { CURRENT_TEMPLATES } from '../../templates/index.js';
import { pdfsig } from '../support/pdfsig.js';
import { pdftotext } from '../support/poppler-text.js';
import { DRAFTER, type SampleName, sampleFor } from '../support/samples.js';
import { sheetCells } from '../support/xlsx-xml.js';
import { apiAs } from './support/api.js';
import { journey } from './support/journey.js';
import { useEmbeddedStack } from './support/stack.js';

const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);
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

async function download(key: string): Promise<Uint8Array> {
  const object = await new S3Client({ forcePathStyle: true }).send(
    new GetObjectCommand({ Bucket: stack.env.DOCUMENTS_BUCKET, Key: key }),
  );
  return (await object.Body?.transformToByteArray()) as Uint8Array;
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

const rootPem = () =>
  JSON.parse(readFileSync(join(stack.env.LOCAL_CA_DIR as string, 'root-ca.json'), 'utf8'))
    .certificatePem as string;

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
      assignedBy: { name: 'Dewi Lestari', role: 'biro_head' },
    });
    expect(entries.find((e) => e.sequence === sequence)?.voided).toBeUndefined();

    await actOk('sekda', id, { action: 'initial', version: 1 });
    const signed = await as('gubernur')('POST', `/api/agreements/${id}/sign`, { version: 1 });
    expect(signed.status, JSON.stringify(signed.json)).toBe(200);
    const signedPdf = await download(signed.json.signedDocument.key);
    expect(pdftotext(signedPdf)).toContain(`NOMOR: ${number}`);
    expect(pdfsig(signedPdf, rootPem())).toMatchObject([{ valid: true, trusted: true, wholeDocument: true }]);
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
});
