import { applyDecorators, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import { RateLimited } from '../rate-limit/rate-limit.guard';
import type { StaffActor } from '../staff/staff-actor';
import { CurrentStaff, StaffOnly } from '../staff/staff.decorators';
import { sendAttachmentFile } from './attachment-response';
import { AttachmentsService } from './attachments.service';
import { AttachmentListDto, UPLOAD_BODY_SCHEMA } from './dto/attachment.dto';

const UPLOAD_ERRORS = [
  ApiResponse({ status: 400, type: ProblemDto, description: 'A multipart body that cannot be read to its end.' }),
  ApiResponse({ status: 413, type: ProblemDto, description: 'A file over 10 MB (`attachment_too_large`).' }),
  ApiResponse({ status: 415, type: ProblemDto, description: 'Not multipart, or a file whose content is not JPEG, PNG, WebP, GIF or PDF (`attachment_type_not_allowed`).' }),
  ApiResponse({ status: 422, type: ProblemDto, description: 'No file, a bad field, an unreadable image, or more than 10 files on the notice (`too_many_attachments`).' }),
];

function UploadDocs(summary: string) {
  return applyDecorators(
    ApiOperation({ summary }),
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: UPLOAD_BODY_SCHEMA }),
    ApiResponse({ status: 201, type: AttachmentListDto }),
    ...UPLOAD_ERRORS,
  );
}

// Evidence over the JSON API: staff attach, list and download; the notifier attaches
// through the tracking token. Files go to staff only.
@ApiTags('attachments')
@Controller('api/v1')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post('cases/:reference/attachments')
  @HttpCode(201)
  @StaffOnly('evidence.attach')
  @UploadDocs('Attach evidence to a case (multipart/form-data)')
  async upload(@CurrentStaff() actor: StaffActor, @Param('reference') reference: string, @Req() request: FastifyRequest, @Meta() meta: RequestMeta): Promise<AttachmentListDto> {
    return { attachments: await this.attachments.uploadAsStaff(actor, reference, request, meta) };
  }

  @Get('cases/:reference/attachments')
  @StaffOnly('evidence.read')
  @ApiOperation({ summary: "A case's evidence (the files' details)" })
  @ApiResponse({ status: 200, type: AttachmentListDto })
  @ApiResponse({ status: 404, type: ProblemDto })
  async list(@CurrentStaff() actor: StaffActor, @Param('reference') reference: string): Promise<AttachmentListDto> {
    return { attachments: await this.attachments.listForCase(actor, reference) };
  }

  @Get('attachments/:id/file')
  @StaffOnly('evidence.read')
  @ApiOperation({ summary: 'Download an attached file (always as an attachment, in a sandbox)' })
  @ApiProduces('application/octet-stream')
  @ApiResponse({ status: 200, description: 'The file, with `Content-Disposition: attachment` and `Content-Security-Policy: sandbox`.' })
  @ApiResponse({ status: 404, type: ProblemDto })
  async download(@CurrentStaff() actor: StaffActor, @Param('id') id: string, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    sendAttachmentFile(reply, await this.attachments.download(actor, id, meta));
  }

  @Get('attachments/:id/preview')
  @StaffOnly('evidence.read')
  @ApiOperation({ summary: "An image attachment's preview (WebP, at most 480 px)" })
  @ApiProduces('image/webp')
  @ApiResponse({ status: 200, description: 'The preview image.' })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'No such attachment, or it is not an image.' })
  async preview(@CurrentStaff() actor: StaffActor, @Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    sendAttachmentFile(reply, await this.attachments.preview(actor, id));
  }

  @Post('track/:token/attachments')
  @HttpCode(201)
  @RateLimited('tracking')
  @UploadDocs('The notifier attaches evidence to their case (multipart/form-data)')
  @ApiResponse({ status: 404, type: ProblemDto, description: 'Unknown, revoked or malformed token (all alike).' })
  @ApiResponse({ status: 409, type: ProblemDto, description: 'The case no longer takes evidence.' })
  async uploadAsNotifier(@Param('token') token: string, @Req() request: FastifyRequest, @Meta() meta: RequestMeta): Promise<AttachmentListDto> {
    return { attachments: await this.attachments.uploadAsNotifier(token, request, meta) };
  }
}
