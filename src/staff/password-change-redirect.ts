import type { FastifyReply, FastifyRequest } from 'fastify';
import { wantsHtml } from '../common/problem.filter';

declare module 'fastify' {
  interface FastifyRequest {
    // Set by StaffAuthGuard when it refuses someone who must change their password first.
    passwordChangeRequired?: boolean;
  }
}

// An onSend hook: a person who must change their password is sent to /account from any
// staff page, whichever filter rendered the refusal; API clients keep the 403 problem
// (`password_change_required`).
export async function redirectToPasswordChange(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (!request.passwordChangeRequired || reply.statusCode !== 403 || !wantsHtml(request)) return payload;
  reply.code(303).header('location', '/account').removeHeader('content-type');
  return '';
}
