import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import { DRAFTER, type SampleName, sampleFor } from '../../support/samples.js';
import { apiAs } from './api.js';
import type { StackHandle } from './stack.js';

/** The steps every archive test starts from: an agreement routed, signed by the region, uploaded. */
export function journey(stack: StackHandle) {
  const as = (username: string) => apiAs(stack, username);
  const biro = () => as('biro.staf');
  const s3 = () => new S3Client({ forcePathStyle: true });

  /** A sample created and brought through its route to the head of region's signing step; its id. */
  async function atSigning(name: SampleName, form = sampleFor(name)): Promise<string> {
    const created = await as(DRAFTER[name].username)('POST', '/api/agreements', form);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.id as string;
    const foreign = name !== 'pks';
    const letter = {
      name: 'surat.pdf',
      contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
    };
    const steps: [string, string, Record<string, unknown>?][] = [
      [DRAFTER[name].username, 'submit'],
      [DRAFTER[name].head, 'endorse'],
      ['biro.staf', 'approve'],
      ['biro.kepala', 'approve'],
      ...(foreign ? [['biro.staf', 'approve', { letter }] as [string, string, Record<string, unknown>]] : []),
      ['sekda', 'initial'],
    ];
    for (const [user, action, extra] of steps) {
      const res = await as(user)('POST', `/api/agreements/${id}/actions`, { action, version: 1, ...extra });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    }
    return id;
  }

  /** A sample brought to signing and signed by the head of region; returns its id and the signed PDF. */
  async function signedByRegion(
    name: SampleName,
    form = sampleFor(name),
  ): Promise<{ id: string; pdf: Uint8Array }> {
    const id = await atSigning(name, form);
    const signed = await as('gubernur')('POST', `/api/agreements/${id}/sign`, { version: 1 });
    expect(signed.status, JSON.stringify(signed.json)).toBe(200);
    const object = await s3().send(
      new GetObjectCommand({ Bucket: stack.env.DOCUMENTS_BUCKET, Key: signed.json.signedDocument.key }),
    );
    return { id, pdf: (await object.Body?.transformToByteArray()) as Uint8Array };
  }

  /** Waits for ingestion's verdict on an upload. */
  async function verdict(uploadId: string) {
    for (let i = 0; i < 200; i++) {
      const status = await biro()('GET', `/api/uploads/${uploadId}`);
      if (status.json.status !== 'pending') return { uploadId, ...status.json };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('ingestion did not decide within 10 s');
  }

  /** Uploads through the presigned POST form as the browser would, then waits for ingestion's verdict. */
  async function upload(id: string, bytes: Uint8Array, fileType?: string) {
    const request = await biro()('POST', `/api/agreements/${id}/uploads`);
    expect(request.status, JSON.stringify(request.json)).toBe(201);
    const posted = await postForm(request.json, bytes, fileType);
    expect(posted.status, await posted.clone().text()).toBe(204);
    return verdict(request.json.uploadId);
  }

  /**
   * Asks for an upload, then writes the object straight into the incoming bucket with the stack's
   * own credentials, past the form's policy: what only ingestion's own checks can refuse.
   */
  async function putPastTheForm(id: string, bytes: Uint8Array, contentType = 'application/pdf') {
    const request = await biro()('POST', `/api/agreements/${id}/uploads`);
    expect(request.status, JSON.stringify(request.json)).toBe(201);
    await s3().send(
      new PutObjectCommand({
        Bucket: stack.env.INCOMING_BUCKET,
        Key: request.json.fields.key,
        Body: bytes,
        ContentType: contentType,
      }),
    );
    return verdict(request.json.uploadId);
  }

  return { atSigning, signedByRegion, upload, putPastTheForm };
}

/** A presigned POST as a browser form sends it: the signed fields first, the file last. */
export function postForm(
  ticket: { url: string; fields: Record<string, string> },
  bytes: Uint8Array | string,
  type = 'application/pdf',
): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append('file', new Blob([typeof bytes === 'string' ? bytes : Buffer.from(bytes)], { type }), 'file');
  return fetch(ticket.url, { method: 'POST', body: form });
}
