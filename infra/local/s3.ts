import { mkdirSync } from 'node:fs';
import S3rver, { type S3rverEvent } from 's3rver';

export interface LocalS3 {
  endpoint: string;
  /** Called for every object created (PutObject, presigned upload, multipart completion). */
  onObjectCreated(listener: (event: S3rverEvent) => Promise<void>): void;
  stop(): Promise<void>;
}

/** s3rver on 127.0.0.1 with its objects under `directory`, the given buckets created. */
export async function startS3(options: {
  directory: string;
  buckets: string[];
  port?: number;
}): Promise<LocalS3> {
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory: options.directory,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    onObjectCreated(listener) {
      server.on('event', (event) => {
        // s3rver emits inside the upload request: a throwing listener would fail the upload, so run later.
        setImmediate(() => {
          listener(event).catch((error: unknown) => console.error('S3 event handler failed', error));
        });
      });
    },
    stop: () => server.close(),
  };
}
