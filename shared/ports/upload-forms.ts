/** What a browser upload is bound to: S3 takes only this key, this type and a size in the range. */
export interface UploadBinding {
  key: string;
  contentType: string;
  minBytes: number;
  maxBytes: number;
  expiresInSeconds: number;
}

/** A presigned POST: the browser sends the signed fields, then the file, to `url`. */
export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

/** Browser uploads straight to a bucket, never through a Lambda, bound by a signed policy. */
export interface UploadForms {
  post(bucket: string, binding: UploadBinding): Promise<PresignedPost>;
}
