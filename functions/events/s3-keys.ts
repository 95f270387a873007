import type { S3Event } from 'aws-lambda';

/** The bucket and key of each object of an S3 event; AWS URL-encodes keys (spaces as "+"). */
export const s3Objects = (event: S3Event | undefined) =>
  (event?.Records ?? []).map((record) => ({
    bucket: record.s3.bucket.name,
    key: decodeURIComponent(record.s3.object.key.replace(/\+/g, ' ')),
  }));
