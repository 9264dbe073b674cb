import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { canSeeCase, DomainError, type Actor } from '@guanjia/core';
import { findAttachment, findCase, insertAttachment } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { sha256Hex } from '../security/tokens.ts';

/** Photos of defects, signed work orders, scanned forms: these types only, checked by their first bytes. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.length > 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.length > 5 && b.subarray(0, 5).toString('latin1') === '%PDF-',
};
export const ALLOWED_ATTACHMENT_TYPES = Object.keys(SIGNATURES);

export async function storeAttachment(deps: AppDeps, actor: Actor, input: { contentType: string; filename: string; body: Buffer }) {
  const type = input.contentType.split(';')[0]!.trim().toLowerCase();
  const check = SIGNATURES[type];
  if (!check) throw new DomainError('ATTACHMENT_TYPE_NOT_ALLOWED', 'content-type', { type: type || '(none)', allowed: ALLOWED_ATTACHMENT_TYPES.join(', ') });
  if (input.body.length === 0) throw new DomainError('FIELD_REQUIRED', 'body');
  if (input.body.length > deps.limits.attachmentBytes) throw new DomainError('ATTACHMENT_TOO_LARGE', 'body', { maxMb: deps.limits.attachmentBytes / 1024 / 1024 });
  if (!check(input.body)) throw new DomainError('ATTACHMENT_CONTENT_MISMATCH', 'body', { type });
  const sha256 = sha256Hex(input.body);
  const dir = join(deps.attachmentsDir, sha256.slice(0, 2));
  await mkdir(dir, { recursive: true });
  const path = join(dir, sha256);
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, input.body, { flag: 'w' });
  await rename(tmp, path); // atomic: a crash never leaves a half-written file under its final name
  const row = {
    id: deps.newId(), organizationId: actor.organizationId, uploadedByKind: actor.kind, uploadedById: actor.id,
    filename: input.filename.slice(0, 200) || 'attachment', contentType: type, sizeBytes: input.body.length, sha256, storageKey: `${sha256.slice(0, 2)}/${sha256}`, caseId: null, createdAt: deps.now(),
  };
  await insertAttachment(deps.database.db, row);
  const { storageKey: _k, organizationId: _o, ...view } = row;
  return view;
}

/** An attachment is readable by its uploader and by whoever can see the case it belongs to. */
export async function readAttachment(deps: AppDeps, actor: Actor, id: string) {
  const a = await findAttachment(deps.database.db, id);
  if (!a || a.organizationId !== actor.organizationId) throw new DomainError('ATTACHMENT_NOT_FOUND', 'id');
  const mine = a.uploadedById === actor.id;
  if (!mine) {
    const c = a.caseId ? await findCase(deps.database.db, a.caseId) : null;
    if (!c || !canSeeCase(actor, c)) throw new DomainError('ATTACHMENT_NOT_FOUND', 'id');
  }
  return { meta: a, body: await readFile(join(deps.attachmentsDir, a.storageKey)) };
}
