/** Uploaded objects, read where an S3 event says they are. */
export interface StoredObjects {
  /** The object's size and stored type, without its bytes; undefined when there is no such object. */
  head(bucket: string, key: string): Promise<{ size: number; contentType: string } | undefined>;
  get(bucket: string, key: string): Promise<Uint8Array>;
}

/** Objects of the incoming and archive buckets, as ingestion reads and keeps them. */
export interface IngestionFiles extends StoredObjects {
  /** Copies a refused upload under `quarantine/`; the original is kept too: nothing is deleted. */
  quarantine(bucket: string, key: string): Promise<string>;
  /** Stores the archived copy once: a second write of the same key is refused by the storage. */
  archive(key: string, bytes: Uint8Array): Promise<void>;
}
