import { Body, Controller, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import { DeskConfig } from '../config/desk-config';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { StaffUserDto } from './dto/user.dto';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import type { StaffActor } from './staff-actor';
import { CurrentStaff, OpenBeforePasswordChange, StaffOnly } from './staff.decorators';
import { PasswordsService } from './passwords.service';
import { ChangePasswordDto } from './dto/password.dto';
import { StaffErrors } from './staff-errors';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: DeskConfig,
    private readonly passwords: PasswordsService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with e-mail and password',
    description:
      'Returns a login token for `Authorization: Bearer` and also sets the `desk_session` cookie for browsers. ' +
      'After 5 failed attempts on an account from one address within 15 minutes (20 from one address on any account) sign-in from there is blocked for 30 s, doubling up to 15 min (429 with Retry-After). ' +
      'After LOGIN_LOCK_FAILURES (default 100) failures on an account from anywhere within LOGIN_LOCK_WINDOW_MINUTES (default 60) the account is locked for 15 min, doubling up to the window, except for sign-ins from networks its owner signed in from before; the owner is e-mailed.',
  })
  @ApiResponse({ status: 200, type: LoginResponseDto })
  @ApiResponse({ status: 401, type: ProblemDto, description: 'Wrong e-mail address or password (`invalid_credentials`).' })
  @ApiResponse({ status: 415, type: ProblemDto, description: 'Not application/json.' })
  @ApiResponse({ status: 422, type: ProblemDto, description: 'Missing fields.' })
  @ApiResponse({ status: 429, type: ProblemDto, description: 'Too many failed sign-ins (`login_throttled`); see Retry-After.' })
  async login(
    @Body() dto: LoginDto,
    @Headers('content-type') contentType: string | undefined,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    // A cross-site form can post url-encoded fields but not JSON: this route sets a cookie,
    // so only JSON is taken (no login CSRF through the API).
    if (!/^application\/json\b/i.test(contentType ?? '')) throw StaffErrors.jsonOnly();
    const { token, session, user } = await this.auth.signIn(dto, 'api', meta);
    setSessionCookie(reply, this.config.publicBaseUrl, token, session.expiresAt);
    return { token, expiresAt: session.expiresAt, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
  }

  @Post('logout')
  @HttpCode(204)
  @StaffOnly()
  @OpenBeforePasswordChange()
  @ApiOperation({ summary: 'End the current session (login token or cookie)' })
  @ApiResponse({ status: 204, description: 'Signed out; the token and the cookie no longer work.' })
  async logout(@CurrentStaff() actor: StaffActor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.signOut(actor, meta);
    clearSessionCookie(reply, this.config.publicBaseUrl);
  }

  @Post('password')
  @HttpCode(204)
  @StaffOnly()
  @OpenBeforePasswordChange()
  @ApiOperation({
    summary: 'Change my password',
    description:
      'Needs the current password. The new one must have at least 12 characters, not only spaces, and be hard to guess (zxcvbn score 3 or more, counting your name and e-mail address against it). ' +
      'Your other sessions end; this one and your API tokens keep working.',
  })
  @ApiResponse({ status: 204, description: 'Changed.' })
  @ApiResponse({ status: 422, type: ProblemDto, description: 'Wrong current password (`currentPassword`) or a weak new one (`newPassword`).' })
  async changePassword(@CurrentStaff() actor: StaffActor, @Body() dto: ChangePasswordDto, @Meta() meta: RequestMeta): Promise<void> {
    await this.passwords.changeOwn(actor, dto, meta);
  }

  @Get('me')
  @StaffOnly()
  @OpenBeforePasswordChange()
  @ApiOperation({ summary: 'Who the request is authenticated as' })
  @ApiResponse({ status: 200, type: StaffUserDto })
  me(@CurrentStaff() actor: StaffActor): StaffUserDto {
    return { id: actor.id, email: actor.email, name: actor.name, role: actor.role };
  }
}
