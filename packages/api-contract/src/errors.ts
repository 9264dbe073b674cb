import { z } from 'zod';

/**
 * RFC 9457 problem details: every error answer of the API, `application/problem+json`. `code` is one
 * of the server's error codes, `message` is localized (zh-CN, or English on request), `field` names the
 * offending input (a body path like `owner.name`, `query.limit`, a header) or is null.
 */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    message: z.string(),
    field: z.string().nullable(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details with our error code, a localized message and the offending field' });
export type Problem = z.infer<typeof ProblemSchema>;

/** Every error status an operation may document, with what it means in this API. */
export const ERROR_STATUSES = {
  400: 'Invalid input (the field and the reason are named), or a business rule the client can satisfy',
  401: 'Not signed in, or the session or token has ended',
  403: 'Signed in, but this role or account may not do this',
  404: 'Unknown, or outside the caller’s scope (the two are not told apart)',
  409: 'Conflict with the current state: workflow step, version, idempotency key, a taken name',
  413: 'Body too large',
  415: 'Content type not accepted',
  429: 'Too many requests; retry after the `Retry-After` seconds',
  500: 'Internal error (never with internals)',
} as const;
export type ErrorStatus = keyof typeof ERROR_STATUSES;

/** One documented error answer: the problem shape, served as application/problem+json. */
export function problemResponse(status: ErrorStatus) {
  return { description: ERROR_STATUSES[status], content: { 'application/problem+json': { schema: ProblemSchema } } };
}
