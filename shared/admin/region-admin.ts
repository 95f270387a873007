import { ulid } from 'ulid';
import * as z from 'zod';
import { LINK_TTL_SECONDS } from '../agreement/queries.js';
import { attemptId, committing } from '../attempt.js';
import { RasterError } from '../documents/svg-raster.js';
import { ConflictError, ValidationError } from '../errors.js';
import { type Bilingual, say } from '../form/messages.js';
import { parse } from '../form/parse.js';
import { sha256 } from '../hash.js';
import type { Identity } from '../identity/identity.js';
import type { FileStore } from '../ports/files.js';
import type { RegionProfiles } from '../ports/region.js';
import type { PresignedPost, UploadBinding } from '../ports/upload-forms.js';
import { type UploadTicket, uploadTicket } from '../upload-ticket.js';
import { canonicalJson } from '../workflow/audit.js';
import { requireAdmin } from './authorize.js';
import { EMBLEM_TOO_LARGE, emblemProblem } from './emblem.js';
import { type AdminDeps, recordAdminChange } from './record-admin-change.js';
import {
  EMBLEM_EXTENSIONS,
  EMBLEM_TYPES,
  type EmblemType,
  editableFields,
  HEAD_TITLES,
  MAX_REGION_EMBLEM_BYTES,
  type RegionEmblem,
  type RegionProfile,
  type RegionView,
  regionProfileInputSchema,
} from './region.js';

export interface RegionDeps extends AdminDeps {
  regionId: string;
  profiles: RegionProfiles;
  /** The documents bucket, where the region's files live under `region/<regionId>/`. */
  files: FileStore;
  /** A presigned POST into the documents bucket for the emblem. */
  emblemForm(binding: UploadBinding): Promise<PresignedPost>;
  /** An SVG drawn as the PNG the documents print. */
  rasterize(svg: Uint8Array): Promise<Uint8Array>;
}

const emblemRequestSchema = z.object({ contentType: z.enum(EMBLEM_TYPES) });

/** What the admin log says of an emblem: which file, not where it is kept. */
const logged = ({ contentType, sha256, size }: RegionEmblem) => ({ contentType, sha256, size });

const problemAt = (path: string, message: Bilingual) => new ValidationError([{ path, message }]);

/** The region's profile: read by everyone signed in, set and given an emblem by the administrator. */
export class RegionAdmin {
  private readonly uploads: string;

  constructor(private readonly deps: RegionDeps) {
    this.uploads = `region/${deps.regionId}/uploads/`;
  }

  /** GET /api/region: the profile with its head's title and a 5-minute emblem link; before setup, `configured: false`. */
  async view(): Promise<RegionView> {
    const profile = await this.deps.profiles.get(this.deps.regionId);
    if (!profile) return { configured: false };
    const { emblem, ...rest } = profile;
    return {
      configured: true,
      ...rest,
      headTitle: HEAD_TITLES[profile.level],
      ...(emblem
        ? {
            emblem: {
              url: await this.deps.files.downloadUrl(
                emblem.key,
                `emblem.${EMBLEM_EXTENSIONS[emblem.contentType]}`,
                LINK_TTL_SECONDS,
              ),
              contentType: emblem.contentType,
              sha256: emblem.sha256,
            },
          }
        : {}),
    };
  }

  /** PUT /api/region: the profile's editable fields; the emblem stays as it is. */
  async put(user: Pick<Identity, 'sub' | 'name' | 'role'>, body: unknown): Promise<RegionView> {
    requireAdmin(user);
    const input = parse(regionProfileInputSchema, body);
    await recordAdminChange(this.deps, {
      regionId: this.deps.regionId,
      actor: user,
      decide: async (at) => {
        const current = await this.deps.profiles.get(this.deps.regionId);
        const next: RegionProfile = {
          ...input,
          regionId: this.deps.regionId,
          ...(current?.emblem ? { emblem: current.emblem } : {}),
          updatedAt: at,
          updatedBy: { sub: user.sub, name: user.name },
        };
        if (current && canonicalJson(editableFields(current)) === canonicalJson(editableFields(next))) {
          return { unchanged: true, result: undefined };
        }
        return {
          action: current ? 'region.update' : 'region.create',
          target: { kind: 'region', id: this.deps.regionId },
          ...(current ? { before: editableFields(current) } : {}),
          after: editableFields(next),
          writes: [this.deps.profiles.putWrite(next, current)],
          result: undefined,
        };
      },
    });
    return this.view();
  }

  /**
   * POST /api/region/emblem: a 5-minute upload form for a PNG or SVG of at most 1 MB, under a key of
   * its own. The file becomes the emblem only when PUT /api/region/emblem has read and accepted it.
   */
  async emblemUpload(user: Identity, body: unknown): Promise<UploadTicket & { key: string }> {
    requireAdmin(user);
    const { contentType } = parse(emblemRequestSchema, body);
    const key = `${this.uploads}${ulid()}.${EMBLEM_EXTENSIONS[contentType]}`;
    const ticket = await uploadTicket(
      (binding) => this.deps.emblemForm(binding),
      { key, contentType, minBytes: 1, maxBytes: MAX_REGION_EMBLEM_BYTES },
      this.deps.clock.now(),
    );
    return { key, ...ticket };
  }

  /**
   * PUT /api/region/emblem `{ key }`: reads the uploaded file, parses it (PNG or SVG) and, when it is
   * a sound emblem, makes it the region's. The file is copied under a key no upload form can reach
   * (a form may be used again until it expires), with the PNG the documents print beside it.
   * A file that is missing, too large or not a sound PNG/SVG is a 400 naming why; nothing changes.
   */
  async acceptEmblem(user: Identity, body: unknown): Promise<RegionView> {
    requireAdmin(user);
    const { key: upload } = parse(z.object({ key: z.string().max(200) }), body);
    const contentType = this.uploadedType(upload);
    await this.configured();
    const stored = await this.deps.files.head(upload);
    if (!stored) {
      throw problemAt(
        'key',
        say(
          'belum ada berkas yang diunggah dengan kunci ini: unggah berkasnya dahulu',
          'no file has been uploaded under this key: upload the file first',
        ),
      );
    }
    if (stored.size > MAX_REGION_EMBLEM_BYTES) {
      throw problemAt('file', EMBLEM_TOO_LARGE);
    }
    const bytes = await this.deps.files.get(upload);
    const problem = emblemProblem(bytes, contentType);
    if (problem) throw problemAt('file', problem);
    const raster = contentType === 'image/png';
    const print = raster ? bytes : await this.draw(bytes);
    const folder = `region/${this.deps.regionId}/emblem/${attemptId()}`;
    const key = `${folder}/emblem.${EMBLEM_EXTENSIONS[contentType]}`;
    const emblem: RegionEmblem = {
      key,
      contentType,
      sha256: sha256(bytes),
      size: bytes.length,
      print: raster ? { key, sha256: sha256(bytes) } : { key: `${folder}/print.png`, sha256: sha256(print) },
    };
    const written = raster ? [key] : [key, emblem.print.key];
    await committing(this.deps.files, written, async () => {
      await Promise.all([
        this.deps.files.put(key, bytes, contentType),
        ...(raster ? [] : [this.deps.files.put(emblem.print.key, print, 'image/png')]),
      ]);
      await recordAdminChange(this.deps, {
        regionId: this.deps.regionId,
        actor: user,
        decide: async (at) => {
          const current = await this.configured();
          return {
            action: 'region.emblem',
            target: { kind: 'region', id: this.deps.regionId },
            ...(current.emblem ? { before: logged(current.emblem) } : {}),
            after: logged(emblem),
            writes: [
              this.deps.profiles.putWrite(
                { ...current, emblem, updatedAt: at, updatedBy: { sub: user.sub, name: user.name } },
                current,
              ),
            ],
            result: undefined,
          };
        },
      });
    });
    return this.view();
  }

  /** The type an upload key was signed for: only keys this region's upload forms hand out. */
  private uploadedType(key: string): EmblemType {
    const match =
      key.startsWith(this.uploads) &&
      /^[0-9A-HJKMNP-TV-Z]{26}\.(png|svg)$/.exec(key.slice(this.uploads.length));
    if (!match) {
      throw problemAt(
        'key',
        say(
          'bukan kunci unggahan lambang dari POST /api/region/emblem',
          'is not an emblem upload key given by POST /api/region/emblem',
        ),
      );
    }
    return match[1] === 'png' ? 'image/png' : 'image/svg+xml';
  }

  private async configured(): Promise<RegionProfile> {
    const profile = await this.deps.profiles.get(this.deps.regionId);
    if (!profile) {
      throw new ConflictError(
        say(
          'Profil daerah belum diisi: simpan profilnya dahulu, lalu unggah lambangnya',
          'The region profile is not set up yet: save the profile first, then upload its emblem',
        ),
      );
    }
    return profile;
  }

  private async draw(svg: Uint8Array): Promise<Uint8Array> {
    try {
      return await this.deps.rasterize(svg);
    } catch (error) {
      if (error instanceof RasterError) throw problemAt('file', error.problem);
      throw error;
    }
  }
}
