declare module 's3rver' {
  import type { EventEmitter } from 'node:events';
  import type { RequestListener } from 'node:http';
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  /** The S3 event record s3rver emits for PutObject, POST and multipart completion. */
  export interface S3rverEvent {
    Records: {
      eventName: string;
      eventTime: string;
      s3: { bucket: { name: string }; object: { key: string; size: number; eTag: string } };
    }[];
  }

  /** s3rver is a Koa application: `callback()` serves requests in any HTTP server. */
  export default class S3rver extends EventEmitter {
    constructor(options?: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    /** Creates the buckets of `configureBuckets` (what `run()` does before it listens). */
    configureBuckets(): Promise<void>;
    callback(): RequestListener;
    /** Where objects are kept (s3rver's middleware reads bucket settings from it too). */
    store: unknown;
    /** Koa's prototype of every request's context: its `store` is the one requests use. */
    context: { store: unknown };
    on(event: 'event', listener: (event: S3rverEvent) => void): this;
  }
}

declare module 's3rver/lib/models/error.js' {
  /** An S3 error: its code gives the HTTP status, and it renders as S3's XML error body. */
  export default class S3Error extends Error {
    constructor(code: string, message?: string, detail?: Record<string, string | number>);
    code: string;
    status: number;
    toXML(): string;
  }
}

declare module 's3rver/lib/middleware/cors.js' {
  /** s3rver's CORS middleware: sets the bucket's CORS headers on the Koa-like context it is given. */
  export default function cors(): (
    ctx: {
      store: unknown;
      params: { bucket: string };
      method: string;
      get(header: string): string;
      set(header: string, value: string | number | boolean): void;
    },
    next: () => Promise<void>,
  ) => Promise<void>;
}

declare module 's3rver/lib/stores/filesystem.js' {
  import type { Readable } from 'node:stream';

  /** An object as s3rver's controllers hand it to the store. */
  export interface StoredObject {
    bucket: string;
    key: string;
    content: Buffer | Readable;
    metadata: Record<string, string>;
  }

  /** s3rver's store: each object a file under `<root>/<bucket>/<key>._S3rver_object`. */
  export default class FilesystemStore {
    constructor(rootDirectory: string);
    getResourcePath(bucket: string, key: string, resource: string): string;
    putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5?: string): Promise<void>;
    putObject(object: StoredObject): Promise<{ size: number; md5: string }>;
    existsObject(bucket: string, key: string): Promise<boolean>;
  }
}
