import { Readable } from 'node:stream';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '@guanjia/api-contract';
import type { StaffActor } from '@guanjia/core';
import { appendAudit } from '@guanjia/storage';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../context.ts';
import { contentDisposition } from './attachment-content.ts';
import { encodeTable, type ExportFormat, type ExportProgress, type ExportTable } from './table-export.ts';

/** What the audit log keeps of an export: which table, with which filters (the query as sent, format aside). */
export interface ExportAudit {
  /** e.g. 'cases', 'timeliness', 'owners'. */
  table: string;
  filters: Record<string, unknown>;
  /** The one project the export is limited to, if any (project-scoped readers of the audit log see it). */
  projectId?: string | null;
}

/**
 * Sends a table as a download (.xlsx or CSV, streamed) and writes the audit entry `export` — who,
 * which table, the filters, how many rows — once the last row is out, before the answer ends. An
 * export the client abandons is logged too, with `complete: false` and the rows written until then.
 * Check access and read the first rows before calling: a refusal must still be a problem answer,
 * which it can no longer be once the file has begun.
 */
export function sendTableExport<R>(
  reply: FastifyReply,
  deps: AppDeps,
  actor: StaffActor,
  o: { table: ExportTable<R>; format: ExportFormat; fileName: string; audit: ExportAudit },
) {
  const progress: ExportProgress = { rows: 0, truncated: false };
  const bytes = encodeTable(o.format, o.table, progress);
  async function* audited() {
    let complete = false;
    try {
      yield* bytes;
      complete = true;
    } finally {
      await auditExport(reply, deps, actor, o.audit, { format: o.format, rows: progress.rows, truncated: progress.truncated, complete });
    }
  }
  return reply
    .type(o.format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE)
    .header('content-disposition', contentDisposition('attachment', `${o.fileName}.${o.format}`))
    .header('cache-control', 'private, no-store')
    .send(Readable.from(audited(), { objectMode: false }));
}

/** Writes the audit entry `export` (a failure to write it is logged, never the reader's error). */
async function auditExport(reply: FastifyReply, deps: AppDeps, actor: StaffActor, audit: ExportAudit, detail: Record<string, unknown>): Promise<void> {
  await appendAudit(deps.database.db, {
    organizationId: actor.organizationId,
    actorKind: 'staff',
    actorId: actor.id,
    action: 'export',
    targetType: 'table',
    targetId: audit.table,
    projectId: audit.projectId ?? null,
    detail: { table: audit.table, filters: audit.filters, ...detail },
    ip: reply.request.ip ?? null,
    at: deps.now(),
  }).catch((error: unknown) => reply.log.error({ err: error }, 'the audit entry of an export could not be written'));
}

/** Sends a document made whole in memory (a report pack: .xlsx or PDF) as a download, logged like every export. */
export async function sendDocumentExport(
  reply: FastifyReply,
  deps: AppDeps,
  actor: StaffActor,
  o: { bytes: Buffer; contentType: string; fileName: string; format: string; audit: ExportAudit },
) {
  await auditExport(reply, deps, actor, o.audit, { format: o.format, bytes: o.bytes.length, complete: true });
  return reply
    .type(o.contentType)
    .header('content-disposition', contentDisposition('attachment', `${o.fileName}.${o.format}`))
    .header('cache-control', 'private, no-store')
    .send(o.bytes);
}
