import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ProblemDto } from '../common/problem.dto';
import type { StaffActor } from './staff-actor';
import type { Permission } from './policy';
import { OPEN_BEFORE_PASSWORD_CHANGE, REQUIRED_PERMISSION, StaffAuthGuard } from './staff-auth.guard';
import { StaffErrors } from './staff-errors';

// On a staff route or controller: refuses anonymous requests (401) and puts the actor on
// the request. With a permission it also refuses the wrong role (403) before the body is
// validated; the services still check access themselves (requireAccess).
export function StaffOnly(permission?: Permission) {
  return applyDecorators(
    ...(permission ? [SetMetadata(REQUIRED_PERMISSION, permission)] : []),
    UseGuards(StaffAuthGuard),
    ApiBearerAuth(),
    ApiCookieAuth(),
    ApiResponse({ status: 401, type: ProblemDto, description: 'Not signed in, or the session or token is no longer valid (`unauthenticated`).' }),
    ApiResponse({
      status: 403,
      type: ProblemDto,
      description:
        'The role may not do this (`forbidden`), a cookie request lacks its CSRF token (`csrf`), or the account must change its password first (`password_change_required`).',
    }),
  );
}

// On one route of a @StaffOnly controller: a stricter permission (the guard runs once).
export const RequirePermission = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

// On the routes a person who must change their password may still use.
export const OpenBeforePasswordChange = () => SetMetadata(OPEN_BEFORE_PASSWORD_CHANGE, true);

export const CurrentStaff = createParamDecorator((_: unknown, context: ExecutionContext): StaffActor => {
  const actor = context.switchToHttp().getRequest<FastifyRequest>().staff;
  // Only reachable on a route without @StaffOnly(): refuse rather than act as nobody.
  if (!actor) throw StaffErrors.unauthenticated();
  return actor;
});

// The CSRF token of the current cookie session ('' for Bearer requests), for rendering forms.
export const Csrf = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  return context.switchToHttp().getRequest<FastifyRequest>().staffCsrfToken ?? '';
});
