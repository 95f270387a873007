import { ID_PATTERN } from '../ids.js';

/** Where an upload lands in the incoming bucket: incoming/<agreementId>/<uploadId>.pdf */
export const uploadKey = (agreementId: string, uploadId: string) => `incoming/${agreementId}/${uploadId}.pdf`;

export const UPLOAD_KEY = new RegExp(`^incoming/(${ID_PATTERN})/(${ID_PATTERN})\\.pdf$`);
