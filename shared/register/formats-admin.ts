import { requireAdmin } from '../admin/authorize.js';
import { type AdminDeps, recordAdminChange } from '../admin/record-admin-change.js';
import { DOCUMENT_TYPES } from '../form/agreement-form.js';
import { parse } from '../form/parse.js';
import type { Identity } from '../identity/identity.js';
import type { RegisterStore } from '../ports/register.js';
import { canonicalJson } from '../workflow/audit.js';
import { documentTypeParamSchema, registerFormatSchema, type StoredFormat } from './format.js';
import { formatFor } from './numbering.js';

/** GET /api/admin/register-formats and PUT …/{documentType}: how each type's numbers are built. */
export class RegisterFormats {
  constructor(private readonly deps: { register: RegisterStore; admin: AdminDeps; regionId: string }) {}

  /** Every document type's format in force: the admin's, or the default (marked `default: true`). */
  async list(user: Pick<Identity, 'role'>): Promise<{ items: StoredFormat[] }> {
    requireAdmin(user);
    const configured = await this.deps.register.formats(this.deps.regionId);
    const items = await Promise.all(
      DOCUMENT_TYPES.map(
        async (type) => configured.find((f) => f.documentType === type) ?? (await formatFor(this.deps, type)),
      ),
    );
    return { items };
  }

  /** Replaces a type's format, recorded in the admin log; numbers assigned before keep theirs. */
  async put(params: unknown, body: unknown, user: Identity): Promise<StoredFormat> {
    requireAdmin(user);
    const { documentType } = parse(documentTypeParamSchema, params);
    const format = parse(registerFormatSchema, body);
    return recordAdminChange(this.deps.admin, {
      regionId: this.deps.regionId,
      actor: user,
      decide: async (at) => {
        const current = await formatFor(this.deps, documentType);
        const stored: StoredFormat = { documentType, ...format, updatedAt: at, updatedBy: user.username };
        const { parts, separator, assignAt } = current;
        if (canonicalJson({ parts, separator, assignAt }) === canonicalJson(format)) {
          return { unchanged: true, result: current };
        }
        return {
          action: 'register-format.update',
          target: { kind: 'register-format', id: documentType },
          before: { parts, separator, assignAt },
          after: format,
          writes: [this.deps.register.formatWrite(this.deps.regionId, stored)],
          result: stored,
        };
      },
    });
  }
}
