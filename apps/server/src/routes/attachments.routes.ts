import { IdParamsSchema, rawResponse, UploadedAttachmentResponses, withErrors } from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context.ts';
import { actorOf } from '../plugins/auth.ts';
import { sendFor } from '../plugins/contract.ts';
import { ALLOWED_ATTACHMENT_TYPES, contentDisposition, isRasterImage } from '../services/attachment-content.ts';
import { readAttachment, storeAttachment } from '../services/attachments.service.ts';

/** An attachment's own page may run nothing, load nothing and be framed by nobody, whatever its bytes. */
const ATTACHMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

/** Raw-body upload (Content-Type is the file's type); its own body limit, encapsulated from JSON routes. */
export function attachmentRoutes(app: FastifyInstance, deps: AppDeps) {
  app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.limits.attachmentBytes }, (_req, body, done) => done(null, body));
    const r = scoped.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/api/attachments',
      {
        bodyLimit: deps.limits.attachmentBytes,
        schema: {
          tags: ['attachments'],
          summary:
            'Upload a photo or PDF (raw body; JPEG, PNG, GIF, WebP, PDF; 10 MB; checked by its bytes: no markup or script in images, no JavaScript in PDFs)',
          querystring: z.object({ filename: z.string().max(200).default('attachment') }),
          response: withErrors({ 201: UploadedAttachmentResponses.documented }),
        },
      },
      async (req, reply) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const actor = actorOf(req);
        const saved = await storeAttachment(deps, actor, { contentType: req.headers['content-type'] ?? '', filename: req.query.filename, body });
        return sendFor(reply.status(201), actor, UploadedAttachmentResponses, saved);
      },
    );
    r.get(
      '/api/attachments/:id',
      {
        schema: {
          tags: ['attachments'],
          summary: 'Download an attachment (uploader, or who can see its case and the event it hangs on); raster images inline, anything else as a download',
          params: IdParamsSchema,
          response: { 200: rawResponse('The file’s bytes', ALLOWED_ATTACHMENT_TYPES) },
        },
      },
      async (req, reply) => {
        const { meta, body } = await readAttachment(deps, actorOf(req), req.params.id);
        return reply
          .type(meta.contentType)
          .header('content-disposition', contentDisposition(isRasterImage(meta.contentType) ? 'inline' : 'attachment', meta.filename))
          .header('content-security-policy', ATTACHMENT_CSP)
          .header('cache-control', 'private, no-store')
          .send(body);
      },
    );
  });
}
