import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ITEM_MATCHES, ITEM_STATES } from '../notice-item.entity';

export class MissingElementDto {
  @ApiProperty({ example: 'signature' })
  code: string;

  @ApiProperty({ example: 'signature', description: 'The request field to supply.' })
  field: string;

  @ApiProperty({ example: 'Your signature: type your full name as your electronic signature.' })
  message: string;
}

export class FiledItemDto {
  @ApiProperty()
  url: string;

  @ApiProperty({ description: 'The URL as the desk compares it (scheme, host, tracking parameters, AMP forms normalised).' })
  normalizedUrl: string;

  @ApiProperty({ type: String, nullable: true, description: 'The matched article, or null when out of scope.' })
  articleId: string | null;

  @ApiProperty({ enum: ITEM_MATCHES, description: 'article or alias: matched; other_site or not_found: out of scope.' })
  match: string;

  @ApiProperty({ enum: ITEM_STATES })
  state: string;
}

export class FilingResponseDto {
  @ApiProperty({ example: 'TD-2026-000001' })
  reference: string;

  @ApiProperty({ enum: ['new', 'awaiting_info', 'held'], description: '`held`: the sender is suspended for misuse; kept on record, not processed.' })
  status: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Only when held: the suspension ends then.' })
  heldUntil?: Date;

  @ApiProperty({ type: String, nullable: true, description: 'The private tracking link: given once (null on an idempotent replay).' })
  trackingUrl: string | null;

  @ApiProperty({ type: [MissingElementDto], description: 'What the notice lacks; empty when complete.' })
  missing: MissingElementDto[];

  @ApiProperty({ type: String, nullable: true, enum: ['valid', 'curable', 'ineffective'], description: 'Copyright notices only.' })
  dmcaState: string | null;

  @ApiProperty({ description: 'True when this answers a retry with the same Idempotency-Key.' })
  replayed: boolean;

  @ApiProperty({ type: [FiledItemDto] })
  items: FiledItemDto[];
}
