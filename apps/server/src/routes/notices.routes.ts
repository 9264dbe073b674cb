import {
  CreateNoticeSchema,
  IdParamsSchema,
  MessageSettingsSchema,
  NoContentSchema,
  NoticeDetailSchema,
  NoticeListQuerySchema,
  NoticePageSchema,
  NoticePostingListSchema,
  NoticePostingSchema,
  NoticeReachSchema,
  NoticeSchema,
  PortalNoticeListSchema,
  PostingDoneSchema,
  rawResponse,
  RejectNoticeSchema,
  SaveMessageSettingsSchema,
  UpdateNoticeSchema,
  withErrors,
  XLSX_CONTENT_TYPE,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { actorOf, staffOf } from '../plugins/auth.ts';
import { localeOf } from '../plugins/errors.ts';
import * as portal from '../services/notice-portal.service.ts';
import * as postings from '../services/notice-postings.service.ts';
import * as reach from '../services/notice-reach.service.ts';
import * as notices from '../services/notices.service.ts';

/**
 * Notices (通知公告, issue 13 items 5 and 7): the ledger and each notice's life (draft, submit, approve
 * by another person = publish, reject, undo within minutes, supersede), its reach before sending (and
 * as a workbook); the owner's portal (notices in force, read receipts, message settings); the area
 * steward's paper posting tasks.
 */
export function noticeRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notices'];

  r.get(
    '/api/notices',
    {
      schema: {
        tags,
        summary: '信息公布台帐: notices newest first (by status, project, kind), in the caller’s projects',
        querystring: NoticeListQuerySchema,
        response: withErrors({ 200: NoticePageSchema }, [403]),
      },
    },
    async (req) => notices.listNoticePage(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/notices',
    { schema: { tags, summary: 'Draft a notice', body: CreateNoticeSchema, response: withErrors({ 201: NoticeSchema }, [403, 404]) } },
    async (req, reply) => reply.status(201).send(await notices.createNotice(deps, staffOf(req), req.body)),
  );
  r.get(
    '/api/notices/:id',
    {
      schema: {
        tags,
        summary: 'A notice with its original, delivery figures (per status, per channel), read receipts and paper tasks',
        params: IdParamsSchema,
        response: withErrors({ 200: NoticeDetailSchema }, [403]),
      },
    },
    async (req) => notices.getNoticeDetail(deps, staffOf(req), req.params.id),
  );
  r.patch(
    '/api/notices/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft (its author); a published notice takes only a new expiry',
        params: IdParamsSchema,
        body: UpdateNoticeSchema,
        response: withErrors({ 200: NoticeSchema }, [403, 409]),
      },
    },
    async (req) => notices.editNotice(deps, staffOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/notices/:id/reach',
    {
      schema: {
        tags,
        summary: 'Whom the notice reaches now: buildings, units, owners, and owners per channel (or unreachable, muted, throttled)',
        params: IdParamsSchema,
        response: withErrors({ 200: NoticeReachSchema }, [403]),
      },
    },
    async (req) => reach.noticeReach(deps, staffOf(req), req.params.id),
  );
  r.get(
    '/api/notices/:id/reach.xlsx',
    {
      schema: {
        tags,
        summary: 'The reach as a workbook: unit, owner (masked), channel, outcome',
        params: IdParamsSchema,
        response: withErrors({ 200: rawResponse('One row per owner the notice covers (.xlsx)', [XLSX_CONTENT_TYPE]) }, [403]),
      },
    },
    async (req, reply) => reach.exportNoticeReach(reply, deps, staffOf(req), req.params.id, localeOf(req)),
  );
  r.post(
    '/api/notices/:id/submit',
    {
      schema: {
        tags,
        summary: 'Submit a draft for approval (the checks: lead time, an emergency’s reason and expiry, no personal data)',
        params: IdParamsSchema,
        response: withErrors({ 200: NoticeSchema }, [403, 409]),
      },
    },
    async (req) => notices.submitNotice(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/notices/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve (someone other than the author): the notice is published and pushed',
        params: IdParamsSchema,
        response: withErrors({ 200: NoticeSchema }, [403, 409]),
      },
    },
    async (req) => notices.approveNotice(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/notices/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject a submitted notice, with the reason (its author may revise it)',
        params: IdParamsSchema,
        body: RejectNoticeSchema,
        response: withErrors({ 200: NoticeSchema }, [403, 409]),
      },
    },
    async (req) => notices.rejectNotice(deps, staffOf(req), req.params.id, req.body.reason),
  );
  r.post(
    '/api/notices/:id/revise',
    {
      schema: {
        tags,
        summary: 'A rejected notice back to its author’s draft',
        params: IdParamsSchema,
        response: withErrors({ 200: NoticeSchema }, [403, 409]),
      },
    },
    async (req) => notices.reviseNotice(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/notices/:id/undo',
    {
      schema: {
        tags,
        summary: 'Undo a publication within the undo window: withdrawn, pushes not yet sent cancelled',
        params: IdParamsSchema,
        response: withErrors({ 200: NoticeSchema }, [403, 409]),
      },
    },
    async (req) => notices.undoNotice(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/notices/:id/supersede',
    {
      schema: {
        tags,
        summary: 'Correct a published notice: a new draft copying it, linked; publishing that one marks this one superseded',
        params: IdParamsSchema,
        response: withErrors({ 201: NoticeSchema }, [403, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await notices.supersedeNotice(deps, staffOf(req), req.params.id)),
  );

  // the owner's portal
  r.get(
    '/api/portal/notices',
    {
      schema: {
        tags,
        summary: 'Owner portal: the notices in force for my homes, emergencies first (pinned)',
        response: withErrors({ 200: PortalNoticeListSchema }, [403]),
      },
    },
    async (req) => portal.listPortalNotices(deps, actorOf(req)),
  );
  r.post(
    '/api/portal/notices/:id/read',
    {
      schema: {
        tags,
        summary: 'Owner portal: I read this notice (its read receipt)',
        params: IdParamsSchema,
        response: withErrors({ 204: NoContentSchema }, [403]),
      },
    },
    async (req, reply) => {
      await portal.markPortalNoticeRead(deps, actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/portal/message-settings',
    {
      schema: {
        tags,
        summary: 'Owner portal: my message settings (channel first tried, 免打扰, muted notice kinds per channel)',
        response: withErrors({ 200: MessageSettingsSchema }, [403]),
      },
    },
    async (req) => portal.getMessageSettings(deps, actorOf(req)),
  );
  r.put(
    '/api/portal/message-settings',
    {
      schema: {
        tags,
        summary: 'Owner portal: save my message settings',
        body: SaveMessageSettingsSchema,
        response: withErrors({ 200: MessageSettingsSchema }, [403]),
      },
    },
    async (req) => portal.saveMessageSettings(deps, actorOf(req), req.body),
  );

  // the area steward
  r.get(
    '/api/notice-postings',
    { schema: { tags, summary: 'My open paper posting tasks, soonest first', response: withErrors({ 200: NoticePostingListSchema }, [403]) } },
    async (req) => postings.listMyPostings(deps, staffOf(req)),
  );
  r.post(
    '/api/notice-postings/:id/done',
    {
      schema: {
        tags,
        summary: 'A paper task done (posting needs a photo; a patrol may report damage: a re-post follows)',
        params: IdParamsSchema,
        body: PostingDoneSchema,
        response: withErrors({ 200: NoticePostingSchema }, [403, 404, 409]),
      },
    },
    async (req) => postings.finishPostingTask(deps, staffOf(req), req.params.id, req.body),
  );
}
