import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { canSeeCase, DomainError, type Actor } from '@guanjia/core';
import { findAttachment, findCase, findInspectionPhoto, insertAttachment, listCaseEvents } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { sha256Hex } from '../security/tokens.ts';
import { verifyAttachmentContent } from './attachment-content.ts';
import { INSPECTION_READERS, inScope } from './patrol-access.ts';

export async function storeAttachment(deps: AppDeps, actor: Actor, input: { contentType: string; filename: string; body: Buffer }) {
  if (input.body.length > deps.limits.attachmentBytes)
    throw new DomainError('ATTACHMENT_TOO_LARGE', 'body', { maxMb: deps.limits.attachmentBytes / 1024 / 1024 });
  const type = verifyAttachmentContent(input.contentType, input.body);
  const sha256 = sha256Hex(input.body);
  const dir = join(deps.attachmentsDir, sha256.slice(0, 2));
  await mkdir(dir, { recursive: true });
  const path = join(dir, sha256);
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, input.body, { flag: 'w' });
  await rename(tmp, path); // atomic: a crash never leaves a half-written file under its final name
  const row = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    uploadedByKind: actor.kind,
    uploadedById: actor.id,
    filename: input.filename.slice(0, 200) || 'attachment',
    contentType: type,
    sizeBytes: input.body.length,
    sha256,
    storageKey: `${sha256.slice(0, 2)}/${sha256}`,
    caseId: null,
    createdAt: deps.now(),
  };
  await insertAttachment(deps.database.db, row);
  const { storageKey: _k, organizationId: _o, ...view } = row;
  return view;
}

/**
 * An attachment is readable by its uploader and by whoever can see the case it belongs to; an owner
 * only when it hangs on an event they see (never the file of an internal staff note).
 */
export async function readAttachment(deps: AppDeps, actor: Actor, id: string) {
  const a = await findAttachment(deps.database.db, id);
  if (!a || a.organizationId !== actor.organizationId) throw new DomainError('ATTACHMENT_NOT_FOUND', 'id');
  const mine = a.uploadedById === actor.id;
  if (!mine && !a.caseId && (await isInspectionPhotoFor(deps, actor, a.id))) return { meta: a, body: await readFile(join(deps.attachmentsDir, a.storageKey)) };
  if (!mine) {
    const c = a.caseId ? await findCase(deps.database.db, a.caseId) : null;
    if (!c || !canSeeCase(actor, c)) throw new DomainError('ATTACHMENT_NOT_FOUND', 'id');
    if (actor.kind === 'owner') {
      const events = await listCaseEvents(deps.database.db, c.id, { includeInternal: false });
      if (!events.some((e) => e.attachmentIds.includes(a.id))) throw new DomainError('ATTACHMENT_NOT_FOUND', 'id');
    }
  }
  return { meta: a, body: await readFile(join(deps.attachmentsDir, a.storageKey)) };
}

/** A photo of a patrol check, checklist or defect closure (inspection_photos) is readable by whoever reads inspections of its project. */
async function isInspectionPhotoFor(deps: AppDeps, actor: Actor, attachmentId: string): Promise<boolean> {
  if (actor.kind !== 'staff' || !INSPECTION_READERS.some((c) => actor.capabilities.has(c))) return false;
  const photo = await findInspectionPhoto(deps.database.db, attachmentId);
  return !!photo && inScope(actor, photo);
}
