import { api } from '../../api.js';
import { sendFile, type UploadTicket } from '../../upload.js';

/** Failed: the file could not be checked after every retry (the reason says so); it may be sent again. */
export type Verdict = { status: 'pending' | 'accepted' | 'quarantined' | 'failed'; reason?: string };

/** Asks for an upload form, sends the file, then waits for ingestion's verdict (about a second). */
export async function uploadSignedCopy(
  agreementId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<Verdict & { uploadId: string }> {
  const ticket = await api<UploadTicket & { uploadId: string }>(
    'POST',
    `/api/agreements/${agreementId}/uploads`,
  );
  await sendFile(ticket, file, onProgress);
  for (let wait = 250; ; wait = Math.min(wait * 1.5, 2000)) {
    const verdict = await api<Verdict>('GET', `/api/uploads/${ticket.uploadId}`);
    if (verdict.status !== 'pending') return { ...verdict, uploadId: ticket.uploadId };
    await new Promise((r) => setTimeout(r, wait));
  }
}
