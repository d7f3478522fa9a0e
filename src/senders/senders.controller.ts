import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import type { StaffActor } from '../staff/staff-actor';
import { CurrentStaff, StaffOnly } from '../staff/staff.decorators';
import { CreatedSenderKeyDto, CreateSenderDto, CreateSenderKeyDto, SenderDto, UpdateSenderDto } from './dto/sender.dto';
import { SendersService, toSenderKeyDto } from './senders.service';

@ApiTags('senders')
@Controller('api/v1')
@StaffOnly('senders.manage')
export class SendersController {
  constructor(private readonly senders: SendersService) {}

  @Get('senders')
  @ApiOperation({ summary: 'Sender organisations and their keys (admins)' })
  @ApiResponse({ status: 200, type: [SenderDto] })
  list(@CurrentStaff() actor: StaffActor): Promise<SenderDto[]> {
    return this.senders.list(actor);
  }

  @Post('senders')
  @ApiOperation({ summary: 'Register a sender organisation (admins)', description: 'A trusted flagger’s cases go to the priority lane (`priority: high`, the priority SLA).' })
  @ApiResponse({ status: 201, type: SenderDto })
  @ApiResponse({ status: 409, type: ProblemDto, description: 'The name is taken (`sender_name_taken`).' })
  @ApiResponse({ status: 422, type: ProblemDto })
  register(@CurrentStaff() actor: StaffActor, @Body() dto: CreateSenderDto, @Meta() meta: RequestMeta): Promise<SenderDto> {
    return this.senders.register(actor, dto, meta);
  }

  @Get('senders/:id')
  @ApiOperation({ summary: 'One sender organisation and its keys (admins)' })
  @ApiResponse({ status: 200, type: SenderDto })
  @ApiResponse({ status: 404, type: ProblemDto })
  get(@CurrentStaff() actor: StaffActor, @Param('id') id: string): Promise<SenderDto> {
    return this.senders.get(actor, id);
  }

  @Patch('senders/:id')
  @ApiOperation({
    summary: 'Change a sender organisation (admins)',
    description:
      'Only the fields given change; send the `version` you read. `status` `suspended` (until `suspendedUntil`, or until lifted) or `closed`: its keys file nothing (403 `sender_suspended` / `sender_closed`). A new `rateLimitPerMinute` holds from the next request. Each change is an event `sender.updated` naming every field changed, before and after.',
  })
  @ApiResponse({ status: 200, type: SenderDto })
  @ApiResponse({ status: 404, type: ProblemDto })
  @ApiResponse({ status: 409, type: ProblemDto, description: '`stale_version` (with `currentVersion`): someone changed it since; `sender_name_taken`.' })
  @ApiResponse({ status: 422, type: ProblemDto })
  update(@CurrentStaff() actor: StaffActor, @Param('id') id: string, @Body() dto: UpdateSenderDto, @Meta() meta: RequestMeta): Promise<SenderDto> {
    return this.senders.update(actor, id, dto, meta);
  }

  @Post('senders/:id/keys')
  @ApiOperation({
    summary: 'Issue a sender key (admins)',
    description:
      'The key (`tds_…`) is in this answer only; the desk keeps only its SHA-256. It files notices as the organisation, of its allowed types only, until it expires or is revoked.',
  })
  @ApiResponse({ status: 201, type: CreatedSenderKeyDto })
  @ApiResponse({ status: 404, type: ProblemDto })
  @ApiResponse({ status: 422, type: ProblemDto })
  async issueKey(@CurrentStaff() actor: StaffActor, @Param('id') id: string, @Body() dto: CreateSenderKeyDto, @Meta() meta: RequestMeta): Promise<CreatedSenderKeyDto> {
    const { key, record } = await this.senders.issueKey(actor, id, dto, meta);
    return { ...toSenderKeyDto(record), key };
  }

  @Delete('sender-keys/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a sender key (admins)' })
  @ApiResponse({ status: 204, description: 'Revoked (or already revoked).' })
  @ApiResponse({ status: 404, type: ProblemDto })
  async revokeKey(@CurrentStaff() actor: StaffActor, @Param('id') id: string, @Meta() meta: RequestMeta): Promise<void> {
    await this.senders.revokeKey(actor, id, meta);
  }
}
