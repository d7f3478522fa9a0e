import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuthService, CredentialSource } from './auth.service';
import './password-change-redirect';
import { CSRF_FIELD, CSRF_HEADER, CsrfTokens } from './csrf';
import { Permission, requireAccess } from './policy';
import { DeskConfig } from '../config/desk-config';
import { readSessionCookie } from './session-cookie';
import type { StaffActor } from './staff-actor';
import { StaffErrors } from './staff-errors';

declare module 'fastify' {
  interface FastifyRequest {
    // Set by StaffAuthGuard on staff routes.
    staff?: StaffActor;
    // The CSRF token of the cookie session, for the forms a page renders.
    staffCsrfToken?: string;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Set by StaffOnly(permission): checked here, before any body is validated, so that the
// wrong role learns 403 rather than what a valid request would look like.
export const REQUIRED_PERMISSION = 'desk:required-permission';
// Set by CsrfInMultipartForm(): a cookie form posted as multipart/form-data carries its
// token as the first part, read by the handler after this guard (the body is a stream here).
export const CSRF_IN_MULTIPART = 'desk:csrf-in-multipart';
// Set by OpenBeforePasswordChange(): the routes a person who must change their password
// may still use (the change itself, who am I, signing out).
export const OPEN_BEFORE_PASSWORD_CHANGE = 'desk:open-before-password-change';

// Resolves the staff member behind a request from `Authorization: Bearer <token>` (a login
// token or a personal API token) or else the `desk_session` cookie. A cookie-authenticated
// unsafe request must also carry the session's CSRF token (`_csrf` field or x-csrf-token).
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly csrf: CsrfTokens,
    private readonly reflector: Reflector,
    private readonly config: DeskConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const { token, source } = credentialOf(request, this.config.publicBaseUrl);
    if (!token) throw StaffErrors.unauthenticated();
    const actor = await this.auth.authenticate(token, source);

    // The DTOs forbid unknown fields: the token field is the guard's business only.
    const body = request.body as Record<string, unknown> | undefined;
    const fieldToken = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
    if (body && typeof body === 'object') delete body[CSRF_FIELD];

    if (source === 'cookie') {
      request.staffCsrfToken = await this.csrf.forSession(actor.credentialId);
      if (UNSAFE_METHODS.has(request.method)) {
        const candidate = fieldToken ?? request.headers[CSRF_HEADER];
        const inForm = candidate === undefined && request.isMultipart?.() && this.reflector.get<boolean>(CSRF_IN_MULTIPART, context.getHandler());
        if (!inForm && !(await this.csrf.checkSession(actor.credentialId, candidate))) throw StaffErrors.csrf();
      }
    }
    request.staff = actor;
    if (actor.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(OPEN_BEFORE_PASSWORD_CHANGE, [context.getHandler(), context.getClass()])) {
      request.passwordChangeRequired = true;
      throw StaffErrors.passwordChangeRequired();
    }
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, [context.getHandler(), context.getClass()]);
    if (permission) requireAccess(actor, permission);
    return true;
  }
}

// An Authorization header wins over the cookie; a malformed one is refused, not ignored.
export function credentialOf(request: FastifyRequest, publicBaseUrl: string): { token: string | undefined; source: CredentialSource } {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    return { token: match?.[1], source: 'bearer' };
  }
  return { token: readSessionCookie(request, publicBaseUrl), source: 'cookie' };
}
