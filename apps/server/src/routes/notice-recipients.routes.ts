import {
  IdParamsSchema,
  NoticeFiguresListSchema,
  NoticeFiguresQuerySchema,
  NoticeRecipientPageSchema,
  NoticeRecipientsQuerySchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import * as recipients from '../services/notice-recipients.service.ts';

/**
 * A notice's recipients (each owner's push and read receipt) and the ledger's figures of a page of
 * notices (通知公告, issue 13 items 5 and 7): what the console's notice page and 信息公布台帐 show.
 */
export function noticeRecipientRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notices'];

  r.get(
    '/api/notices/figures',
    {
      schema: {
        tags,
        summary: 'The ledger’s figures of some notices: pushes per status and read receipts (notices outside the caller’s projects are left out)',
        querystring: NoticeFiguresQuerySchema,
        response: withErrors({ 200: NoticeFiguresListSchema }, [403]),
      },
    },
    async (req) => recipients.noticeFigures(deps, staffOf(req), req.query.ids),
  );
  r.get(
    '/api/notices/:id/recipients',
    {
      schema: {
        tags,
        summary: 'Each owner the notice was pushed to: homes, channel, status and reason, and when they read it in the portal (paged by `next`)',
        params: IdParamsSchema,
        querystring: NoticeRecipientsQuerySchema,
        response: withErrors({ 200: NoticeRecipientPageSchema }, [403]),
      },
    },
    async (req) => recipients.listRecipients(deps, staffOf(req), req.params.id, req.query),
  );
}
