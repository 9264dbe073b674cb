import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError, differenceHash, findPhotoReuse, type GreyImage, type StaffActor } from '@guanjia/core';
import { findAttachments, insertInspectionPhotos, listInspectionPhotoHashes, type InspectionPhotoRecord } from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { Schema } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';

/**
 * The photos of a check (issue 15 item 2): each one an image the inspector uploaded after scanning the
 * point (so taken there, by the camera — the console's capture input), decoded here to grey levels and
 * hashed (core's difference hash); compared with the project's photos of the last year, a repeat —
 * the same file, or the same picture re-saved — is flagged on the check (not refused: the manager
 * judges). The decoders are loaded on first use, outside the server's start.
 */

/** How far back a new photo is compared (days). */
const REUSE_WINDOW_DAYS = 366;
const GREY_MAX_SIDE = 256;

async function decodeGrey(body: Buffer, contentType: string): Promise<GreyImage> {
  let width: number;
  let height: number;
  let rgba: Uint8Array;
  if (contentType === 'image/jpeg') {
    const jpeg = (await import('jpeg-js')).default;
    const img = jpeg.decode(body, { useTArray: true, maxResolutionInMP: 64, maxMemoryUsageInMB: 768, formatAsRGBA: true });
    ({ width, height } = img);
    rgba = img.data;
  } else if (contentType === 'image/png') {
    const { PNG } = await import('pngjs');
    const img = PNG.sync.read(body);
    ({ width, height } = img);
    rgba = img.data;
  } else throw new Error(`not an image decoded here: ${contentType}`);
  // sampled down to at most 256 px a side first: the hash needs 9×8 cells, not every pixel
  const step = Math.max(1, Math.ceil(Math.max(width, height) / GREY_MAX_SIDE));
  const w = Math.ceil(width / step);
  const h = Math.ceil(height / step);
  const grey = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * step * width + x * step) * 4;
      grey[y * w + x] = Math.round(0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!);
    }
  return { width: w, height: h, grey };
}

export type PhotoFlag = { attachmentId: string; kind: 'same_file' | 'same_picture'; earlierCheckId: string; distance: number };

/**
 * Checks and hashes a check's photos inside its transaction: each one the actor's own upload, made
 * after `notBefore` (the scan), not yet used, and an image; writes their hash rows and returns the
 * reuse flags. Refuses the whole check (field `photoIds`) when one is not such a photo.
 */
export async function takeCheckPhotos(
  deps: AppDeps,
  db: Kysely<Schema>,
  actor: StaffActor,
  input: { photoIds: readonly string[]; notBefore: string; projectId: string; pointId: string | null; sourceId: string },
): Promise<PhotoFlag[]> {
  if (!input.photoIds.length) return [];
  const ids = [...new Set(input.photoIds)];
  const rows = await findAttachments(db, ids);
  const ok =
    rows.length === ids.length &&
    rows.every(
      (a) =>
        a.organizationId === actor.organizationId &&
        a.uploadedById === actor.id &&
        !a.caseId &&
        a.createdAt >= input.notBefore &&
        a.contentType.startsWith('image/'),
    );
  if (!ok) throw new DomainError('PATROL_PHOTO_INVALID', 'photoIds');
  const used = await db.selectFrom('inspectionPhotos').select('attachmentId').where('attachmentId', 'in', ids).execute();
  if (used.length) throw new DomainError('PATROL_PHOTO_INVALID', 'photoIds');
  const since = new Date(Date.parse(deps.now()) - REUSE_WINDOW_DAYS * 86_400_000).toISOString();
  const earlier = (await listInspectionPhotoHashes(db, input.projectId, since)).map((e) => ({
    attachmentId: e.attachmentId,
    sha256: e.sha256,
    hash: e.phash,
    checkId: e.sourceId,
  }));
  const flags: PhotoFlag[] = [];
  const written: InspectionPhotoRecord[] = [];
  for (const a of rows) {
    let hash: string;
    try {
      hash = differenceHash(await decodeGrey(await readFile(join(deps.attachmentsDir, a.storageKey)), a.contentType));
    } catch {
      throw new DomainError('PATROL_PHOTO_INVALID', 'photoIds');
    }
    const reuse = findPhotoReuse({ sha256: a.sha256, hash }, earlier);
    if (reuse) flags.push({ attachmentId: a.id, kind: reuse.kind, earlierCheckId: reuse.earlier.checkId, distance: reuse.distance });
    written.push({
      attachmentId: a.id,
      organizationId: actor.organizationId,
      projectId: input.projectId,
      pointId: input.pointId,
      sourceId: input.sourceId,
      sha256: a.sha256,
      phash: hash,
      reuseOf: reuse?.earlier.attachmentId ?? null,
      takenBy: actor.id,
      createdAt: deps.now(),
    });
  }
  await insertInspectionPhotos(db, written);
  return flags;
}
