import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DeskError, FieldError } from '../common/desk-error';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { DeskConfig } from '../config/desk-config';
import { AuthService } from './auth.service';
import { CSRF_FIELD, CsrfTokens, newLoginNonce } from './csrf';
import { LoginDto } from './dto/login.dto';
import { clearSessionCookie, LOGIN_COOKIE, loginCookieOptions, safeNextPath, setSessionCookie } from './session-cookie';
import type { StaffActor } from './staff-actor';
import { CurrentStaff, OpenBeforePasswordChange, StaffOnly } from './staff.decorators';
import { loginPage } from './staff-pages';
import { sendPage } from '../web/page-parts';

const NONCE_SHAPE = /^[A-Za-z0-9_-]{22}$/;

@ApiExcludeController()
@Controller()
export class LoginPageController {
  constructor(
    private readonly auth: AuthService,
    private readonly csrf: CsrfTokens,
    private readonly config: DeskConfig,
  ) {}

  @Get('login')
  async form(
    @Query('next') next: unknown,
    @Query('signed_out') signedOut: unknown,
    @Query('password_set') passwordSet: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const formToken = await this.formToken(request, reply);
    sendPage(reply, 200, loginPage({ formToken, next: safeNextPath(next), signedOut: signedOut === '1', passwordSet: passwordSet === '1' }));
  }

  @Post('login')
  async signIn(@Body() body: Record<string, unknown>, @Meta() meta: RequestMeta, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const next = safeNextPath(body.next);
    const again = async (status: number, errors: FieldError[]) => {
      const formToken = await this.formToken(request, reply);
      sendPage(reply, status, loginPage({ formToken, next, values: { email: typeof body.email === 'string' ? body.email : '' }, errors }));
    };
    if (!(await this.csrf.checkLoginForm(request.cookies?.[LOGIN_COOKIE], body[CSRF_FIELD]))) {
      return again(403, [{ field: 'form', message: 'This sign-in form has expired or did not come from this site. Please sign in again.' }]);
    }
    const { value, errors } = await validateAs(LoginDto, { email: body.email, password: body.password });
    if (errors.length) return again(422, errors);
    try {
      const signedIn = await this.auth.signIn(value, 'form', meta);
      setSessionCookie(reply, this.config.publicBaseUrl, signedIn.token, signedIn.session.expiresAt);
      reply.clearCookie(LOGIN_COOKIE, { path: '/login' });
      reply.status(303).header('location', next).send();
    } catch (error) {
      if (!(error instanceof DeskError) || (error.status !== 401 && error.status !== 429)) throw error;
      if (typeof error.extra.retryAfter === 'number') reply.header('retry-after', String(error.extra.retryAfter));
      return again(error.status, [{ field: 'email', message: error.detail }]);
    }
  }

  @Post('logout')
  @StaffOnly()
  @OpenBeforePasswordChange()
  async signOut(@CurrentStaff() actor: StaffActor, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    await this.auth.signOut(actor, meta);
    clearSessionCookie(reply, this.config.publicBaseUrl);
    reply.status(303).header('location', '/login?signed_out=1').send();
  }

  // One nonce per browser, kept while it is valid, so that two open sign-in tabs both work.
  private async formToken(request: FastifyRequest, reply: FastifyReply): Promise<string> {
    let nonce = request.cookies?.[LOGIN_COOKIE];
    if (!nonce || !NONCE_SHAPE.test(nonce)) {
      nonce = newLoginNonce();
      reply.setCookie(LOGIN_COOKIE, nonce, loginCookieOptions(this.config.publicBaseUrl));
    }
    return this.csrf.issueLoginForm(nonce);
  }
}
