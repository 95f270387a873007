/** Where an upload lands in the incoming bucket: incoming/<agreementId>/<uploadId>.pdf */
export const uploadKey = (agreementId: string, uploadId: string) => `incoming/${agreementId}/${uploadId}.pdf`;

export const UPLOAD_KEY = /^incoming\/([0-9A-HJKMNP-TV-Z]{26})\/([0-9A-HJKMNP-TV-Z]{26})\.pdf$/;
