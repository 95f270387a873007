import { http, json, pdfBody } from '../http.js';
import { verification } from '../wiring/archive.js';

/** Verification accepts PDFs up to Lambda's payload size. */
const MAX_BYTES = 5 * 1024 * 1024;

/** POST /api/verify with the PDF as body (public): is this the archived signed copy, and are its signatures valid? */
export const handler = http(async (event) =>
  json(200, await verification().verify(pdfBody(event, MAX_BYTES))),
);
