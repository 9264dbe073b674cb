import { z } from 'zod';
import { problemResponse, type ErrorStatus } from './errors.ts';

/** A 204 answer: no body (the type provider documents `z.undefined()` as "no content"). */
export const NoContentSchema = z.undefined().describe('No content');

/**
 * A route's responses: its success answers plus the error statuses that are particular to it (403 for a
 * role check, 404 for an id in the body, 409 for a state conflict). The statuses every route of a kind
 * shares (400, 401, 404 for an id in the path, 413/415 for a body, 429 for a rate limit, 500) are added
 * by the server when the route is registered (apps/server/src/plugins/contract.ts).
 *
 *   response: withErrors({ 201: StaffSchema }, [403, 409])
 */
export function withErrors<R extends Record<number, unknown>>(success: R, statuses: readonly ErrorStatus[] = []) {
  const errors = Object.fromEntries(statuses.map((s) => [s, problemResponse(s)])) as Partial<Record<ErrorStatus, ReturnType<typeof problemResponse>>>;
  return { ...success, ...errors };
}

/**
 * An answer whose shape depends on who asks: staff see the whole record, owners their own narrower
 * schema (a field left out of it is never sent to an owner). `documented` is what OpenAPI shows: either.
 */
export interface Audiences<S extends z.ZodType, O extends z.ZodType> {
  staff: S;
  owner: O;
  documented: z.ZodUnion<[S, O]>;
}
export function audiences<S extends z.ZodType, O extends z.ZodType>(staff: S, owner: O): Audiences<S, O> {
  return { staff, owner, documented: z.union([staff, owner]) };
}

const BytesSchema = z.custom<Uint8Array>((v) => v instanceof Uint8Array).meta({ type: 'string', format: 'binary' });

/** An answer that is not JSON: a file's bytes (one entry per content type served) or an event stream. */
export function rawResponse(description: string, contentTypes: readonly string[]) {
  return { description, content: Object.fromEntries(contentTypes.map((type) => [type, { schema: BytesSchema }])) };
}
