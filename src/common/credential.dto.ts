import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

// What staff API tokens (`tdk_…`, src/staff) and sender keys (`tds_…`, src/senders) have in
// common: a lifetime in days when issued, and the record shown of them afterwards (the
// secret itself is shown once, and only its SHA-256 is kept).

export function ExpiresInDays(max: number, description: string): PropertyDecorator {
  const message = `Must be a whole number of days from 1 to ${max}.`;
  return applyDecorators(ApiPropertyOptional({ minimum: 1, maximum: max, description }), IsOptional(), IsInt({ message }), Min(1, { message }), Max(max, { message }));
}

export abstract class IssuedCredentialDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ nullable: true, type: Date })
  lastUsedAt: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  expiresAt: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  revokedAt: Date | null;
}
