import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { DynamoAgreementStore } from '../../shared/adapters/aws/dynamo-agreement-store.js';
import { S3FileStore } from '../../shared/adapters/aws/s3-file-store.js';
import { ArchiveService } from '../../shared/archive/archive-service.js';
import { type FileStore, systemClock } from '../../shared/ports.js';
import { WorkflowService } from '../../shared/workflow/service.js';

/** The cloud adapters behind the ports, made once per Lambda container. */
let adapters: { store: DynamoAgreementStore; files: FileStore } | undefined;

export function cloudAdapters(): { store: DynamoAgreementStore; files: FileStore } {
  adapters ??= {
    store: new DynamoAgreementStore(requireEnv('TABLE_NAME')),
    files: new S3FileStore(requireEnv('DOCUMENTS_BUCKET')),
  };
  return adapters;
}

export const workflowService = () => new WorkflowService({ ...cloudAdapters(), clock: systemClock });

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

export const archiveService = () =>
  new ArchiveService({
    ...cloudAdapters(),
    archiveFiles: new S3FileStore(requireEnv('ARCHIVE_BUCKET')),
    clock: systemClock,
    trustedRoots,
  });
