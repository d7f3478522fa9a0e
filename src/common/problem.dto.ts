import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// OpenAPI description of every error body (RFC 9457 problem document).
export class FieldErrorDto {
  @ApiProperty({ example: 'items[0].url', description: 'Path of the bad field, as the client sent it.' })
  field: string;

  @ApiProperty({ example: 'Must be a web address starting with http:// or https://.' })
  message: string;
}

export class ProblemDto {
  @ApiProperty({ example: 'about:blank#validation_failed' })
  type: string;

  @ApiProperty({ example: 'Your request has invalid fields' })
  title: string;

  @ApiProperty({ example: 422 })
  status: number;

  @ApiProperty({ example: 'Some fields are missing or invalid.' })
  detail: string;

  @ApiProperty({ example: 'validation_failed', description: 'Stable machine-readable code.' })
  code: string;

  @ApiProperty({ type: [FieldErrorDto] })
  errors: FieldErrorDto[];

  @ApiProperty({ description: 'Quote it when contacting us; also in the x-request-id header.' })
  requestId: string;

  @ApiPropertyOptional({ description: '429 only: seconds until the next window.' })
  retryAfter?: number;
}
