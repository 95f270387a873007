import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface PdfsigResult {
  signer: string;
  valid: boolean;
  trusted: boolean;
  subFilter: string;
  /** pdfsig's "Total document signed" (the signature covers the file to its end). */
  wholeDocument: boolean;
}

/**
 * Checks every signature of a PDF with poppler's pdfsig, an independent validator, trusting the given
 * root certificate through a throwaway NSS database. Asynchronous: NSS asks the OCSP responder a
 * certificate names, which may be the embedded stack running in this very process.
 */
export async function pdfsig(pdf: Uint8Array, rootPem: string): Promise<PdfsigResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pdfsig-'));
  try {
    const db = `sql:${join(dir, 'nss')}`;
    execFileSync('mkdir', [join(dir, 'nss')]);
    execFileSync('certutil', ['-N', '-d', db, '--empty-password']);
    writeFileSync(join(dir, 'root.pem'), rootPem);
    execFileSync('certutil', [
      '-A',
      '-d',
      db,
      '-n',
      'root',
      '-t',
      'CT,C,C',
      '-a',
      '-i',
      join(dir, 'root.pem'),
    ]);
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    let out: string;
    try {
      out = (await promisify(execFile)('pdfsig', ['-nssdir', db, join(dir, 'doc.pdf')], { encoding: 'utf8' }))
        .stdout;
    } catch (error) {
      // pdfsig exits non-zero when a signature is invalid, after printing its report.
      out = String((error as { stdout?: string }).stdout ?? '');
    }
    return out
      .split(/^Signature #\d+:$/m)
      .slice(1)
      .map((block) => ({
        signer: /Signer Certificate Common Name: (.*)/.exec(block)?.[1]?.trim() ?? '',
        valid: /Signature Validation: Signature is Valid\./.test(block),
        trusted: /Certificate Validation: Certificate is Trusted\./.test(block),
        subFilter: /Signature Type: (.*)/.exec(block)?.[1]?.trim() ?? '',
        wholeDocument: /^\s*- Total document signed$/m.test(block),
      }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
