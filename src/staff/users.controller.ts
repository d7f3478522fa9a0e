import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/user.dto';
import type { StaffActor } from './staff-actor';
import { CurrentStaff, StaffOnly } from './staff.decorators';
import { toUserDto, UsersService } from './users.service';
import { ApiTokensService, toApiTokenDto } from './api-tokens.service';
import { ApiTokenDto } from './dto/api-token.dto';
import { PasswordResetIssuedDto } from './dto/password.dto';
import { PasswordsService } from './passwords.service';

@ApiTags('users')
@Controller('api/v1/users')
@StaffOnly('users.manage')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly tokensService: ApiTokensService,
    private readonly passwords: PasswordsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List staff (admins only)' })
  @ApiResponse({ status: 200, type: [UserDto] })
  async list(@CurrentStaff() actor: StaffActor): Promise<UserDto[]> {
    return (await this.users.list(actor)).map(toUserDto);
  }

  @Post()
  @ApiOperation({ summary: 'Add a staff member with an initial password (admins only)', description: 'The password must be strong (see POST /api/v1/auth/password).' })
  @ApiResponse({ status: 201, type: UserDto })
  @ApiResponse({ status: 409, type: ProblemDto, description: 'The e-mail address is taken (`email_taken`).' })
  @ApiResponse({ status: 422, type: ProblemDto })
  async create(@CurrentStaff() actor: StaffActor, @Body() dto: CreateUserDto, @Meta() meta: RequestMeta): Promise<UserDto> {
    return toUserDto(await this.users.create(actor, dto, meta));
  }

  @Get(':id/tokens')
  @ApiOperation({ summary: "A staff member's API tokens (admins only)", description: 'To find and revoke (DELETE /api/v1/tokens/{id}) a token that leaked.' })
  @ApiResponse({ status: 200, type: [ApiTokenDto] })
  @ApiResponse({ status: 404, type: ProblemDto })
  async tokens(@CurrentStaff() actor: StaffActor, @Param('id') id: string): Promise<ApiTokenDto[]> {
    return (await this.tokensService.listOfUser(actor, id)).map(toApiTokenDto);
  }

  @Post(':id/password-reset')
  @ApiOperation({
    summary: 'Reset a password (admins only)',
    description:
      'Issues a one-time set-password link, answered here once and e-mailed to the person; it works once, for 24 hours, and replaces earlier links. Using it ends all their sessions. Nobody sees a password.',
  })
  @ApiResponse({ status: 201, type: PasswordResetIssuedDto })
  @ApiResponse({ status: 404, type: ProblemDto })
  @ApiResponse({ status: 409, type: ProblemDto, description: 'The account is deactivated (`user_inactive`).' })
  async resetPassword(@CurrentStaff() actor: StaffActor, @Param('id') id: string, @Meta() meta: RequestMeta): Promise<PasswordResetIssuedDto> {
    const { url, expiresAt } = await this.passwords.issueReset(actor, id, meta);
    return { url, expiresAt };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a role, deactivate or reactivate (admins only)' })
  @ApiResponse({ status: 200, type: UserDto })
  @ApiResponse({ status: 404, type: ProblemDto })
  @ApiResponse({ status: 409, type: ProblemDto, description: 'It would leave no active admin (`last_admin`).' })
  async update(@CurrentStaff() actor: StaffActor, @Param('id') id: string, @Body() dto: UpdateUserDto, @Meta() meta: RequestMeta): Promise<UserDto> {
    return toUserDto((await this.users.update(actor, id, dto, meta)).user);
  }
}
