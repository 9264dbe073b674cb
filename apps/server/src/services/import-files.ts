import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { DomainError } from '@guanjia/core';
import { dirname, join } from 'node:path';
import type { AppDeps } from '../context.ts';
import { sha256Hex } from '../security/tokens.ts';

/**
 * The files of an import (decision 0021), in the data folder next to the attachments: the uploaded
 * workbook and the apply's writes (the records each chunk writes, ids and encrypted fields already
 * made, so that a resumed apply writes exactly what the first one would have). Each file is written
 * under a temporary name and renamed: a crash never leaves half a file under its final name. Both are
 * deleted once the import is applied: the workbook holds ID numbers in clear, as the user's file did.
 * They are not in backups (an import in progress is uploaded again after a restore).
 */
const root = (deps: AppDeps) => join(deps.attachmentsDir, 'imports');

async function writeAtomically(path: string, body: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, body, { flag: 'w', flush: true });
  await rename(tmp, path);
}

export async function storeImportWorkbook(deps: AppDeps, importId: string, bytes: Buffer): Promise<{ sha256: string; storageKey: string }> {
  const sha256 = sha256Hex(bytes);
  const storageKey = `imports/uploads/${importId}.xlsx`;
  await writeAtomically(join(deps.attachmentsDir, storageKey), bytes);
  return { sha256, storageKey };
}

/** The upload; gone (applied, or not restored from a backup): the import is no longer there to read. */
export async function readImportWorkbook(deps: AppDeps, storageKey: string): Promise<Buffer> {
  return readFile(join(deps.attachmentsDir, storageKey)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new DomainError('IMPORT_NOT_FOUND', 'id');
    throw error;
  });
}

/** After the apply: the upload and the writes are removed. */
export async function removeImportFiles(deps: AppDeps, importId: string, storageKey: string): Promise<void> {
  await Promise.all([rm(join(deps.attachmentsDir, storageKey), { force: true }), rm(writesPath(deps, importId), { force: true })]);
}

const writesPath = (deps: AppDeps, importId: string) => join(root(deps), 'writes', `${importId}.jsonl`);

/**
 * The apply's chunks, one JSON line each, written as they are made (a roster of 100,000 people is
 * never held as one string): answers how many. Flushed to disk and renamed into place when complete.
 */
export async function storeImportWrites(deps: AppDeps, importId: string, chunks: Iterable<unknown>): Promise<number> {
  const path = writesPath(deps, importId);
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const file = await open(tmp, 'w');
  let count = 0;
  try {
    for (const chunk of chunks) {
      await file.write(`${count ? '\n' : ''}${JSON.stringify(chunk)}`);
      count += 1;
    }
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, path);
  return count;
}

/** The apply's chunks from `from` on, read a line at a time. */
export async function* readImportWrites<T>(deps: AppDeps, importId: string, from: number): AsyncGenerator<T> {
  const lines = createInterface({ input: createReadStream(writesPath(deps, importId), 'utf8'), crlfDelay: Infinity });
  let index = 0;
  for await (const line of lines) {
    if (index++ < from || line === '') continue;
    yield JSON.parse(line) as T;
  }
}
