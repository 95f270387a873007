import type { Template, TemplateFile } from '../../documents/template.js';
import { templateId } from '../../documents/template-id.js';
import { NotFoundError } from '../../errors.js';
import type { DocumentType } from '../../form/agreement-form.js';
import { ID_PATTERN } from '../../ids.js';
import type { StagedWrite } from '../../ports/admin-log.js';
import type { Page } from '../../ports/page.js';
import type {
  ActiveTemplate,
  TemplateCandidate,
  TemplateCatalog,
  TemplateStore,
} from '../../ports/templates.js';
import { unavailable } from './errors.js';
import { stage } from './staged.js';
import type { Item, Table } from './table.js';
import { strip } from './table-items.js';

/**
 * Template candidates and versions, all in one small partition (administration, not traffic):
 *   TEMPLATES / CANDIDATE#<candidateId>        an uploaded file, its check's verdict, its template
 *   TEMPLATES / VERSION#<type>#0002            a version activated from a candidate, with its template
 *   TEMPLATES / ACTIVE#<type>                  the version in force (absent: the built-in version 1)
 */
const PK = 'TEMPLATES';
const candidateKey = (id: string) => ({ pk: PK, sk: `CANDIDATE#${id}` });
const versionKey = (type: DocumentType, version: number) => ({
  pk: PK,
  sk: `VERSION#${type}#${String(version).padStart(4, '0')}`,
});
const activeKey = (type: DocumentType) => ({ pk: PK, sk: `ACTIVE#${type}` });

/** What a list shows of a candidate: not its template, problems or samples. */
const SUMMARY = [
  'candidateId',
  'status',
  'uploadedBy',
  'uploadedAt',
  'checkedAt',
  'size',
  'sha256',
  'documentType',
  'basedOn',
  'version',
  'activatedAt',
  'activatedBy',
];

export class DynamoTemplateStore implements TemplateStore {
  constructor(private readonly table: Table) {}

  async putCandidate(candidate: TemplateCandidate): Promise<void> {
    // Candidate ids are new ULIDs: one that exists already means the table is not what it should be.
    const item = { ...candidateKey(candidate.candidateId), ...candidate };
    if (!(await this.table.write(this.table.putNew(item)))) {
      throw unavailable('DynamoDB', new Error(`template candidate ${candidate.candidateId} exists already`));
    }
  }

  async getCandidate(candidateId: string): Promise<TemplateCandidate | undefined> {
    const item = await this.table.get(candidateKey(candidateId), true);
    return item && strip<TemplateCandidate>(item);
  }

  listCandidates(limit: number, cursor?: string): Promise<Page<TemplateCandidate>> {
    const names = Object.fromEntries(SUMMARY.map((a, i) => [`#a${i}`, a]));
    return this.table.page(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': PK, ':prefix': 'CANDIDATE#' },
        ExpressionAttributeNames: { ...names, '#r': 'report', '#c': 'changes' },
        ProjectionExpression: [...Object.keys(names), '#r.#c'].join(', '),
        ScanIndexForward: false,
      },
      { partition: PK, sortKey: new RegExp(`^CANDIDATE#${ID_PATTERN}$`) },
      limit,
      cursor,
      (item) => strip<TemplateCandidate>(item),
    );
  }

  settleCandidate(
    candidateId: string,
    verdict: Parameters<TemplateStore['settleCandidate']>[1],
  ): Promise<boolean> {
    const fields = Object.entries(verdict).filter(([, v]) => v !== undefined);
    return this.table.write({
      Update: {
        TableName: this.table.name,
        Key: candidateKey(candidateId),
        UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: {
          ...Object.fromEntries(fields.map(([k], i) => [`#f${i}`, k])),
          '#status': 'status',
        },
        ExpressionAttributeValues: {
          ...Object.fromEntries(fields.map(([, v], i) => [`:v${i}`, v])),
          ':pending': 'pending',
        },
      },
    });
  }

  async activeVersions(): Promise<ActiveTemplate[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': PK, ':prefix': 'ACTIVE#' },
      ConsistentRead: true,
    });
    return items.map((item) => strip<ActiveTemplate>(item));
  }

  activationWrites(
    candidate: TemplateCandidate & { template: TemplateFile; documentType: DocumentType },
    activation: ActiveTemplate,
  ): StagedWrite[] {
    const previous = activation.version - 1;
    const active: Item = { ...activeKey(activation.documentType), ...activation };
    return [
      stage({
        Update: {
          TableName: this.table.name,
          Key: candidateKey(candidate.candidateId),
          UpdateExpression: 'SET #status = :active, version = :version, activatedAt = :at, activatedBy = :by',
          ConditionExpression: '#status = :valid',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':active': 'active',
            ':valid': 'valid',
            ':version': activation.version,
            ':at': activation.activatedAt,
            ':by': activation.activatedBy,
          },
        },
      }),
      stage(
        this.table.putNew({
          ...versionKey(activation.documentType, activation.version),
          ...activation,
          template: candidate.template,
        }),
      ),
      // The built-in version 1 has no item: the first activation finds none.
      stage({
        Put: {
          TableName: this.table.name,
          Item: active,
          ConditionExpression: previous === 1 ? 'attribute_not_exists(pk)' : 'version = :previous',
          ...(previous === 1 ? {} : { ExpressionAttributeValues: { ':previous': previous } }),
        },
      }),
    ];
  }
}

/**
 * The catalog over the table: the version in force is read on every call (an activation applies to
 * the next draft); versions never change once activated, so each is read once per container.
 */
export class DynamoTemplateCatalog implements TemplateCatalog {
  private readonly versions = new Map<string, Template>();

  constructor(
    private readonly table: Table,
    private readonly builtin: Readonly<Record<DocumentType, Template>>,
  ) {}

  async active(documentType: DocumentType): Promise<Template> {
    const item = await this.table.get(activeKey(documentType), true);
    return item ? this.version(documentType, Number(item.version)) : this.builtin[documentType];
  }

  async version(documentType: DocumentType, version: number): Promise<Template> {
    if (version === this.builtin[documentType].version) return this.builtin[documentType];
    const cacheKey = `${documentType}#${version}`;
    const cached = this.versions.get(cacheKey);
    if (cached) return cached;
    const item = await this.table.get(versionKey(documentType, version), true);
    if (!item) throw new NotFoundError(`Version ${version} of the ${documentType} template`);
    const template: Template = {
      ...(item.template as TemplateFile),
      id: templateId(documentType),
      version,
    };
    this.versions.set(cacheKey, template);
    return template;
  }
}
