import type { ArchiveCopies } from './archive-copies.js';

/** Uploaded objects, read where an S3 event says they are. */
export interface StoredObjects {
  /** The object's size and stored type, without its bytes; undefined when there is no such object. */
  head(bucket: string, key: string): Promise<{ size: number; contentType: string } | undefined>;
  get(bucket: string, key: string): Promise<Uint8Array>;
}

/** Objects of the incoming bucket as ingestion reads them, and the archive's copies it makes. */
export interface IngestionFiles extends StoredObjects, ArchiveCopies {
  /** Copies a refused upload under `quarantine/`; the original is kept too: nothing is deleted. */
  quarantine(bucket: string, key: string): Promise<string>;
}
