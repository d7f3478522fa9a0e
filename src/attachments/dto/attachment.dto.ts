import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALLOWED_MEDIA_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_NOTICE, MAX_DESCRIPTION_LENGTH } from '../attachment-rules';

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'licence-agreement.pdf', description: 'The name as sent, cleaned; its extension follows the sniffed type.' })
  fileName: string;

  @ApiProperty({ enum: Object.keys(ALLOWED_MEDIA_TYPES), description: 'Sniffed from the content, never from the name.' })
  mediaType: string;

  @ApiProperty({ example: 482133 })
  sizeBytes: number;

  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: 'Hex SHA-256 of the file (also in the event log).' })
  sha256: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ enum: ['notifier', 'staff'] })
  uploadedBy: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The staff member, for staff uploads.' })
  uploadedById: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ description: 'An image preview exists (GET /api/v1/attachments/{id}/preview).' })
  hasPreview: boolean;
}

export class AttachmentListDto {
  @ApiProperty({ type: [AttachmentDto] })
  attachments: AttachmentDto[];
}

// The multipart body of an upload, for the OpenAPI document.
export const UPLOAD_BODY_SCHEMA = {
  type: 'object',
  required: ['file'],
  properties: {
    file: {
      type: 'array',
      items: { type: 'string', format: 'binary' },
      description: `One or more files (repeat the part), each ≤ ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB, ≤ ${MAX_ATTACHMENTS_PER_NOTICE} per notice: JPEG, PNG, WebP, GIF or PDF, judged by content.`,
    },
    description: { type: 'string', maxLength: MAX_DESCRIPTION_LENGTH, description: 'What the files show (applies to every file of the request).' },
  },
};
