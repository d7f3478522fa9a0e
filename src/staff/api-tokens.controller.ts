import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import { ApiTokensService, toApiTokenDto } from './api-tokens.service';
import { ApiTokenDto, CreateApiTokenDto, CreatedApiTokenDto } from './dto/api-token.dto';
import type { StaffActor } from './staff-actor';
import { CurrentStaff, StaffOnly } from './staff.decorators';

@ApiTags('tokens')
@Controller('api/v1/tokens')
@StaffOnly('tokens.own')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @ApiOperation({ summary: 'My personal API tokens' })
  @ApiResponse({ status: 200, type: [ApiTokenDto] })
  async list(@CurrentStaff() actor: StaffActor): Promise<ApiTokenDto[]> {
    return (await this.tokens.listMine(actor)).map(toApiTokenDto);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a personal API token',
    description:
      'The token is in this answer only; the desk keeps only its SHA-256. With a session (signed in) any token; with an API token only if that token has `canCreateTokens`, and the new token expires no later than it and is revoked with it.',
  })
  @ApiResponse({ status: 201, type: CreatedApiTokenDto })
  @ApiResponse({ status: 403, type: ProblemDto, description: 'Asked with an API token that may not create tokens (`token_cannot_create_tokens`).' })
  @ApiResponse({ status: 422, type: ProblemDto })
  async create(@CurrentStaff() actor: StaffActor, @Body() dto: CreateApiTokenDto, @Meta() meta: RequestMeta): Promise<CreatedApiTokenDto> {
    const { token, record } = await this.tokens.create(actor, dto, meta);
    return { ...toApiTokenDto(record), token };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of my API tokens (admins: anyone’s)', description: 'The tokens made with it are revoked too.' })
  @ApiResponse({ status: 204, description: 'Revoked (or already revoked).' })
  @ApiResponse({ status: 404, type: ProblemDto })
  async revoke(@CurrentStaff() actor: StaffActor, @Param('id') id: string, @Meta() meta: RequestMeta): Promise<void> {
    await this.tokens.revoke(actor, id, meta);
  }
}
