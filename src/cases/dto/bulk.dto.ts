import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsDefined, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { ListOf, NoControlCharacters, TrimToUndefined } from '../../common/validation';

export const BULK_ACTIONS = ['assign', 'escalate', 'close_duplicate', 'note'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const MAX_BULK_CASES = 100;

export class BulkCaseDto {
  @ApiProperty({ example: 'TD-2026-000123' })
  @IsDefined({ message: 'Give the case reference.' })
  @IsString({ message: 'Must be a case reference like TD-2026-000123.' })
  @Matches(/^TD-\d{4}-\d{6,18}$/, { message: 'Must be a case reference like TD-2026-000123.' })
  reference: string;

  @ApiProperty({ description: 'The case version the selection was made on; a stale version gets a 409 entry for that case.' })
  @IsDefined({ message: 'Give the case version you are acting on.' })
  @IsInt({ message: 'Must be a whole number.' })
  @Min(1)
  version: number;
}

// Text that only some actions carry: required for them, refused as empty otherwise.
function textFor(action: BulkAction, maxLength: number, missing: string, multiline: boolean): PropertyDecorator {
  return (target: object, property: string | symbol) =>
    applyDecorators(
      TrimToUndefined({ multiline }),
      ValidateIf((dto: Record<string, unknown>) => dto.action === action || dto[String(property)] !== undefined),
      IsDefined({ message: missing }),
      IsString({ message: 'Must be text.' }),
      MaxLength(maxLength, { message: `Must be at most ${maxLength} characters.` }),
      NoControlCharacters(multiline),
    )(target, property);
}

// POST /api/v1/cases:bulk: one action applied to each listed case on its own.
export class BulkActionDto {
  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS, { message: `Must be one of: ${BULK_ACTIONS.join(', ')}.` })
  action: BulkAction;

  @ApiProperty({ type: [BulkCaseDto], minItems: 1, maxItems: MAX_BULK_CASES })
  @ArrayMinSize(1, { message: 'Choose at least one case.' })
  @ArrayMaxSize(MAX_BULK_CASES, { message: `Choose at most ${MAX_BULK_CASES} cases at once.` })
  @ListOf(() => BulkCaseDto, 'Give a list of cases, each with its reference and version.')
  cases: BulkCaseDto[];

  @ApiPropertyOptional({ description: 'assign: who to assign; yourself when absent (someone else: legal and admin only).' })
  @IsOptional()
  @IsUUID('all', { message: 'Must be a user id.' })
  assigneeId?: string;

  @ApiPropertyOptional({ description: 'close_duplicate (required): the reference of the earlier case.' })
  @textFor('close_duplicate', 40, 'Name the earlier case.', false)
  duplicateOf?: string;

  @ApiPropertyOptional({ description: 'escalate (required): why.' })
  @textFor('escalate', 5000, 'Give a reason.', true)
  reason?: string;

  @ApiPropertyOptional({ description: 'note (required): the internal note added to each case.' })
  @textFor('note', 10_000, 'Write the note.', true)
  note?: string;
}

export class BulkCaseResultDto {
  @ApiProperty() reference: string;
  @ApiProperty({ description: '200 when done; otherwise the status the single action would have answered (403, 404, 409, 422).' }) status: number;
  @ApiProperty({ description: 'What happened, in words: "TD-2026-000123: assigned to Ana".' }) message: string;
  @ApiPropertyOptional({ description: 'When done: the case’s new version, status and assignee.' }) case?: {
    version: number;
    status: string;
    assignee: { id: string; name: string | null } | null;
  };
  @ApiPropertyOptional({ description: 'When refused: the problem the single action would have answered.' }) problem?: Record<string, unknown>;
}

export class BulkResponseDto {
  @ApiProperty({ type: [BulkCaseResultDto], description: 'One entry per case, in request order.' }) results: BulkCaseResultDto[];
  @ApiProperty() done: number;
  @ApiProperty() refused: number;
}
