/** Rendered files and their bytes; objects are written once under version-specific keys. */
export interface FileStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Stores a file from disk without reading it into memory (the periodic reports). */
  putFile(key: string, path: string, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  /** The object's size and stored type, without its bytes; undefined when there is no such object. */
  head(key: string): Promise<{ size: number; contentType: string } | undefined>;
  /** Best-effort removal of objects that no record points at (after a failed transaction). */
  remove(keys: string[]): Promise<void>;
  /**
   * A short-lived URL that downloads the object under `filename`; `inline`: one the browser opens in
   * its own viewer (a PDF preview) rather than saving it.
   */
  downloadUrl(
    key: string,
    filename: string,
    expiresInSeconds: number,
    options?: { inline?: boolean },
  ): Promise<string>;
}
