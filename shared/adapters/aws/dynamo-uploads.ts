import type { UploadRecord, UploadStore } from '../../ports/uploads.js';
import { unavailable } from './errors.js';
import type { Table } from './table.js';
import { strip, uploadItemKey } from './table-items.js';

export class DynamoUploadStore implements UploadStore {
  constructor(private readonly table: Table) {}

  async putUpload(upload: UploadRecord): Promise<void> {
    // Upload ids are new ULIDs: one that exists already means the table is not what it should be.
    if (!(await this.table.write(this.table.putNew({ ...uploadItemKey(upload.uploadId), ...upload })))) {
      throw unavailable('DynamoDB', new Error(`upload ${upload.uploadId} exists already`));
    }
  }

  async getUpload(uploadId: string): Promise<UploadRecord | undefined> {
    const item = await this.table.get(uploadItemKey(uploadId), true);
    return item && strip<UploadRecord>(item);
  }

  quarantineUpload(uploadId: string, reason: string, at: string): Promise<boolean> {
    return this.settle(uploadId, 'quarantined', reason, at);
  }

  failUpload(uploadId: string, reason: string, at: string): Promise<boolean> {
    return this.settle(uploadId, 'failed', reason, at);
  }

  /** A pending upload's verdict other than accepted; false when it was already decided. */
  private settle(uploadId: string, status: 'quarantined' | 'failed', reason: string, at: string) {
    return this.table.write({
      Update: {
        TableName: this.table.name,
        Key: uploadItemKey(uploadId),
        UpdateExpression: 'SET #s = :q, reason = :r, decidedAt = :at',
        ConditionExpression: '#s = :pending',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':q': status, ':r': reason, ':at': at, ':pending': 'pending' },
      },
    });
  }
}
