import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Verification } from '../../shared/archive/verification.js';
import { archiveService } from './archive-context.js';
import { cloudAdapters } from './context.js';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Roots trusted when signatures are checked: the PEM bundle in TRUSTED_ROOTS_PEM (cloud), plus the
 * embedded stack's local certificate authority once it exists (it is created at the first signature).
 */
export async function trustedRoots(): Promise<string[]> {
  const pems: string[] = process.env.TRUSTED_ROOTS_PEM?.match(PEM_CERTIFICATE) ?? [];
  const localRoot = process.env.LOCAL_CA_DIR && join(process.env.LOCAL_CA_DIR, 'root-ca.json');
  if (localRoot && existsSync(localRoot)) {
    pems.push((JSON.parse(await readFile(localRoot, 'utf8')) as { certificatePem: string }).certificatePem);
  }
  return pems;
}

export const verificationService = () =>
  new Verification({ archive: cloudAdapters().archive, records: archiveService(), trustedRoots });
