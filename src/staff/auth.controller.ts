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
import { CurrentStaff, StaffOnly } from './staff.decorators';
import { StaffErrors } from './staff-errors';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: DeskConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with e-mail and password',
    description:
      'Returns a login token for `Authorization: Bearer` and also sets the `desk_session` cookie for browsers. ' +
      'After 5 failed attempts on an account within 15 minutes (20 from one address) sign-in is blocked for 30 s, doubling up to 15 min (429 with Retry-After).',
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
  @ApiOperation({ summary: 'End the current session (login token or cookie)' })
  @ApiResponse({ status: 204, description: 'Signed out; the token and the cookie no longer work.' })
  async logout(@CurrentStaff() actor: StaffActor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.signOut(actor, meta);
    clearSessionCookie(reply, this.config.publicBaseUrl);
  }

  @Get('me')
  @StaffOnly()
  @ApiOperation({ summary: 'Who the request is authenticated as' })
  @ApiResponse({ status: 200, type: StaffUserDto })
  me(@CurrentStaff() actor: StaffActor): StaffUserDto {
    return { id: actor.id, email: actor.email, name: actor.name, role: actor.role };
  }
}
