import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ExpiresInDays, IssuedCredentialDto } from '../../common/credential.dto';
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

  @ExpiresInDays(MAX_TOKEN_DAYS, 'Days until the token stops working; without it, it works until revoked.')
  expiresInDays?: number;

  @ApiPropertyOptional({
    default: false,
    description:
      'Whether a script holding this token may create tokens with it. Only a signed-in person or a token that has this right may create tokens; a token made by a token never expires later than its parent and is revoked with it.',
  })
  @IsOptional()
  @IsBoolean({ message: 'Must be true or false.' })
  canCreateTokens?: boolean;
}

export class ApiTokenDto extends IssuedCredentialDto {
  @ApiProperty({ example: 'CMS integration' })
  name: string;

  @ApiProperty({ example: 'tdk_Ab12Cd34', description: 'The start of the token, to recognise it.' })
  prefix: string;

  @ApiProperty({ description: 'Whether this token may create tokens.' })
  canCreateTokens: boolean;

  @ApiProperty({ nullable: true, format: 'uuid', type: String, description: 'The token that created this one (null: created by a signed-in person).' })
  parentTokenId: string | null;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>`. Shown only now: the desk keeps only its SHA-256.' })
  token: string;
}
