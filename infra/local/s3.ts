import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import S3rver, { type S3rverEvent } from 's3rver';
import FilesystemStore, { type StoredObject } from 's3rver/lib/stores/filesystem.js';
import { listen } from './http-adapter.js';
import type { RequestLimits } from './request-body.js';
import { createS3Gateway } from './s3-gateway.js';

/** The only credentials the embedded S3 accepts (s3rver's own defaults). */
export const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface LocalS3 {
  endpoint: string;
  /** Called for every object created (PutObject, presigned upload, multipart completion). */
  onObjectCreated(listener: (event: S3rverEvent) => Promise<void>): void;
  stop(): Promise<void>;
}

/**
 * s3rver's store, except that an object's file is written aside and renamed into place once
 * complete, as S3 makes a new object visible only whole. s3rver's own answers before its write
 * stream is flushed, so the ObjectCreated event (and the ingestion it runs) could read a partly
 * written file, and an overwritten object was for a while half old, half new.
 */
class AtomicStore extends FilesystemStore {
  override async putObject(object: StoredObject): Promise<{ size: number; md5: string }> {
    const path = this.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${randomUUID()}.partial`;
    const md5 = createHash('md5');
    let size = 0;
    let digest = '';
    try {
      await pipeline(
        Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            md5.update(chunk);
            size += chunk.length;
            yield chunk;
          }
        },
        createWriteStream(partial),
      );
      digest = md5.digest('hex');
      // Its metadata first: an object is never seen without its own.
      await this.putMetadata(object.bucket, object.key, object.metadata, digest);
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { size, md5: digest };
  }
}

/**
 * s3rver with its objects under `directory`, the given buckets created, served on 127.0.0.1 by
 * the signature-checking gateway only: s3rver is a Koa app that never listens on a port itself.
 */
export async function startS3(options: {
  directory: string;
  buckets: string[];
  region: string;
  port?: number;
  limits?: Partial<RequestLimits & { maxObjectBytes: number }>;
}): Promise<LocalS3> {
  mkdirSync(options.directory, { recursive: true });
  const app = new S3rver({
    silent: true,
    directory: options.directory,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  app.store = app.context.store = new AtomicStore(options.directory);
  await app.configureBuckets();
  const server: Server = createS3Gateway({
    app,
    credentials: S3_CREDENTIALS,
    region: options.region,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const endpoint = await listen(server, options.port ?? 0);
  return {
    endpoint,
    onObjectCreated(listener) {
      app.on('event', (event) => {
        // s3rver raises ObjectRemoved events on the same emitter.
        if (!event.Records.every((r) => r.eventName.startsWith('ObjectCreated:'))) return;
        // s3rver emits inside the upload request: a throwing listener would fail the upload, so run later.
        setImmediate(() => {
          listener(event).catch((error: unknown) => console.error('S3 event handler failed', error));
        });
      });
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
