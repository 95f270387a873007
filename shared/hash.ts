import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The SHA-256 of bytes or text, as lowercase hex: what files, events and archive records carry. */
export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** The SHA-256 of a file on disk, read as a stream (a year's report PDF is 50 MB and more). */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}
