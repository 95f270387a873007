import type { RevocationFetcher } from '../ports/revocation.js';

/** An OCSP answer or a CRL is a few KB; a CA's full CRL may be a few MB. */
const MAX_BYTES = 8 * 1024 * 1024;
const TIMEOUT_MS = 5_000;

/** The body of a successful answer, when it comes in time and within the size; undefined otherwise. */
async function fetchDer(url: string, init: RequestInit): Promise<Uint8Array | undefined> {
  try {
    const response = await fetch(url, {
      ...init,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok || !response.body) return undefined;
    // Read up to the limit and no further: a server may send more than it announces.
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      size += part.value.byteLength;
      if (size > MAX_BYTES) {
        await reader.cancel();
        return undefined;
      }
      chunks.push(part.value);
    }
    return new Uint8Array(Buffer.concat(chunks));
  } catch {
    return undefined;
  }
}

/** Revocation data over HTTP, from the OCSP responders and CRL distribution points certificates name. */
export const httpRevocationFetcher: RevocationFetcher = {
  ocsp: (url, request) =>
    fetchDer(url, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
      body: Buffer.from(request),
    }),
  crl: (url) => fetchDer(url, { method: 'GET' }),
};
