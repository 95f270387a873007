import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PDF's objects as qpdf reads them (qpdf --json, version 2), independent of pdf-lib and pdf.js. */
export interface QpdfObjects {
  trailer: Record<string, unknown>;
  /** "12 0 R" → the object's value, or for a stream its dictionary (and `data` when asked for). */
  get(ref: unknown): Record<string, unknown> & { stream?: { dict: Record<string, unknown>; data?: string } };
  all: Map<string, Record<string, unknown> & { stream?: { dict: Record<string, unknown>; data?: string } }>;
  /** Page object references in page order. */
  pages: string[];
}

function withFile<T>(bytes: Uint8Array, run: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'qpdf-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, bytes);
    return run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function qpdf(bytes: Uint8Array, streamData = false): QpdfObjects {
  const json = withFile(bytes, (file) =>
    execFileSync(
      'qpdf',
      ['--json=2', ...(streamData ? ['--json-stream-data=inline', '--decode-level=generalized'] : []), file],
      { encoding: 'utf8', maxBuffer: 1 << 28 },
    ),
  );
  const parsed = JSON.parse(json) as {
    qpdf: [
      unknown,
      Record<
        string,
        { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown>; data?: string } }
      >,
    ];
    pages: { object: string }[];
  };
  const objects = parsed.qpdf[1];
  const all = new Map<
    string,
    Record<string, unknown> & { stream?: { dict: Record<string, unknown>; data?: string } }
  >();
  for (const [key, entry] of Object.entries(objects)) {
    if (!key.startsWith('obj:')) continue;
    all.set(
      key.slice(4),
      entry.stream
        ? { ...entry.stream.dict, stream: entry.stream }
        : (entry.value as Record<string, unknown>),
    );
  }
  const trailer = (objects.trailer?.value ?? {}) as Record<string, unknown>;
  return {
    trailer,
    all,
    get: (ref) => all.get(String(ref)) ?? {},
    pages: parsed.pages.map((p) => p.object),
  };
}

/** `qpdf --check`: the cross-reference table and every stream decode. */
export function qpdfCheck(bytes: Uint8Array): string {
  return withFile(bytes, (file) => execFileSync('qpdf', ['--check', file], { encoding: 'utf8' }));
}

/** An embedded file's bytes, as qpdf extracts them. */
export function qpdfAttachment(bytes: Uint8Array, name: string): Buffer {
  return withFile(bytes, (file) =>
    execFileSync('qpdf', [`--show-attachment=${name}`, file], { maxBuffer: 1 << 26 }),
  );
}

export const run = (tool: string, args: string[], bytes: Uint8Array): string =>
  withFile(bytes, (file) => execFileSync(tool, [...args, file], { encoding: 'utf8' }));
