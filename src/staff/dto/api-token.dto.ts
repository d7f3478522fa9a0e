import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ShortText } from '../../common/validation';

export const MAX_TOKEN_DAYS = 365;

export class CreateApiTokenDto {
  @ApiProperty({ maxLength: 100, example: 'CMS integration', description: 'What the token is for.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'Give the token a name.' })
  @MinLength(1, { message: 'Give the token a name.' })
  @MaxLength(100, { message: 'Must be at most 100 characters.' })
  @ShortText()
  name: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TOKEN_DAYS, description: 'Days until the token stops working; without it, it works until revoked.' })
  @IsOptional()
  @IsInt({ message: `Must be a whole number of days from 1 to ${MAX_TOKEN_DAYS}.` })
  @Min(1, { message: `Must be a whole number of days from 1 to ${MAX_TOKEN_DAYS}.` })
  @Max(MAX_TOKEN_DAYS, { message: `Must be a whole number of days from 1 to ${MAX_TOKEN_DAYS}.` })
  expiresInDays?: number;
}

export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'CMS integration' })
  name: string;

  @ApiProperty({ example: 'tdk_Ab12Cd34', description: 'The start of the token, to recognise it.' })
  prefix: string;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ nullable: true, type: Date })
  lastUsedAt: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  expiresAt: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  revokedAt: Date | null;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>`. Shown only now: the desk keeps only its SHA-256.' })
  token: string;
}
