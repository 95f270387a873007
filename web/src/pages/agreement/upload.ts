import { api } from '../../api.js';

interface UploadTicket {
  uploadId: string;
  url: string;
  method: string;
  headers: Record<string, string>;
}

/** Failed: the file could not be checked after every retry (the reason says so); it may be sent again. */
export type Verdict = { status: 'pending' | 'accepted' | 'quarantined' | 'failed'; reason?: string };

/** PUTs the file to the presigned URL with XMLHttpRequest, whose upload events give the progress. */
function put(ticket: UploadTicket, file: File, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(ticket.method, ticket.url);
    for (const [k, v] of Object.entries(ticket.headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () =>
      xhr.status < 300 ? resolve() : reject(new Error(`upload failed: HTTP ${xhr.status}`));
    xhr.onerror = () => reject(new Error('upload failed: network error'));
    xhr.send(file);
  });
}

/** Asks for an upload URL, sends the file, then waits for ingestion's verdict (about a second). */
export async function uploadSignedCopy(
  agreementId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<Verdict & { uploadId: string }> {
  const ticket = await api<UploadTicket>('POST', `/api/agreements/${agreementId}/uploads`);
  await put(ticket, file, onProgress);
  onProgress(1);
  for (let wait = 250; ; wait = Math.min(wait * 1.5, 2000)) {
    const verdict = await api<Verdict>('GET', `/api/uploads/${ticket.uploadId}`);
    if (verdict.status !== 'pending') return { ...verdict, uploadId: ticket.uploadId };
    await new Promise((r) => setTimeout(r, wait));
  }
}
