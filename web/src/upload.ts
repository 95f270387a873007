import type { UploadTicket } from '../../shared/upload-ticket.js';
import { ApiError, api } from './api.js';

export type { UploadTicket };

const megabytes = (bytes: number) => `${Math.floor(bytes / 1024 / 1024)} MB`;

/** What S3's refusal (an XML error document) means for the person uploading. */
function refusal(status: number, body: string): ApiError {
  const code = body
    ? new DOMParser().parseFromString(body, 'application/xml').querySelector('Error > Code')?.textContent
    : undefined;
  const text =
    code === 'EntityTooLarge' || code === 'EntityTooSmall'
      ? { id: 'Ukuran berkas tidak diterima.', en: 'The file size is not accepted.' }
      : code === 'AccessDenied'
        ? {
            // S3 says AccessDenied both for an expired form and for a field the policy does not allow.
            id: 'Penyimpanan menolak unggahan: izinnya kedaluwarsa atau tidak sesuai dengan berkas ini. Unggah lagi.',
            en: 'The storage refused the upload: its permission has expired or does not fit this file. Upload again.',
          }
        : {
            id: `Penyimpanan menolak berkas (HTTP ${status}${code ? `, ${code}` : ''}).`,
            en: `The storage refused the file (HTTP ${status}${code ? `, ${code}` : ''}).`,
          };
  return new ApiError(status, text);
}

/**
 * Sends one file through its presigned POST form: the signed fields first, the file last (S3 reads
 * no field after the file). XMLHttpRequest, because its upload events give the progress; a file
 * over the form's limit is refused here, before a byte is sent.
 */
export function sendFile(
  ticket: Pick<UploadTicket, 'url' | 'fields' | 'maxBytes'>,
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<void> {
  if (file.size > ticket.maxBytes) {
    const limit = megabytes(ticket.maxBytes);
    return Promise.reject(
      new ApiError(413, {
        id: `Berkas lebih besar dari ${limit}.`,
        en: `The file is larger than ${limit}.`,
      }),
    );
  }
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', ticket.url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status >= 300) return reject(refusal(xhr.status, xhr.responseText));
      onProgress(1);
      resolve();
    };
    xhr.onerror = () =>
      reject(
        new ApiError(0, {
          id: 'Unggahan gagal: periksa sambungan jaringan lalu coba lagi.',
          en: 'The upload failed: check the network connection and try again.',
        }),
      );
    xhr.send(form);
  });
}

/**
 * Asks `path` for an upload form (POST, no body) and sends the file through it; answers what the API
 * named the upload by (`candidateId`, `batchId`…) with the ticket.
 */
export async function requestAndSend<Ids extends object>(
  path: string,
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<UploadTicket & Ids> {
  const ticket = await api<UploadTicket & Ids>('POST', path);
  await sendFile(ticket, file, onProgress);
  return ticket;
}

/** Failed: the file could not be checked after every retry (the reason says so); it may be sent again. */
export type Verdict = { status: 'pending' | 'accepted' | 'quarantined' | 'failed'; reason?: string };

/** Asks for an upload form, sends the file, then waits for ingestion's verdict (about a second). */
export async function uploadSignedCopy(
  agreementId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<Verdict & { uploadId: string }> {
  const ticket = await requestAndSend<{ uploadId: string }>(
    `/api/agreements/${agreementId}/uploads`,
    file,
    onProgress,
  );
  for (let wait = 250; ; wait = Math.min(wait * 1.5, 2000)) {
    const verdict = await api<Verdict>('GET', `/api/uploads/${ticket.uploadId}`);
    if (verdict.status !== 'pending') return { ...verdict, uploadId: ticket.uploadId };
    await new Promise((r) => setTimeout(r, wait));
  }
}

/** A small file carried inside a JSON request (the ministry's letter with a decision). */
export async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
