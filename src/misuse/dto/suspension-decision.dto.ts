import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { RequiredText } from '../../common/validation';

// Legal on a proposed suspension: confirm it (for `days`, default MISUSE_SUSPENSION_DAYS) or decline it.
export class SuspensionDecisionDto {
  @ApiProperty({ enum: ['confirm', 'decline'] })
  @IsIn(['confirm', 'decline'], { message: 'Choose confirm or decline.' })
  decision: 'confirm' | 'decline';

  @RequiredText(5000, 'The reasons (sent to the notifier when confirmed).', 'Give the reasons.', { multiline: true })
  reasons: string;

  @ApiPropertyOptional({ description: 'How many days the suspension lasts (confirm only).', minimum: 1, maximum: 3650 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Must be a whole number of days.' })
  @Min(1, { message: 'At least 1 day.' })
  @Max(3650, { message: 'At most 3650 days.' })
  days?: number;
}

// Legal's answer to a suspended notifier's appeal: the suspension stands or is lifted.
export class SuspensionAppealDecisionDto {
  @ApiProperty({ enum: ['upheld', 'lifted'] })
  @IsIn(['upheld', 'lifted'], { message: 'Choose upheld or lifted.' })
  outcome: 'upheld' | 'lifted';

  @RequiredText(5000, 'The reasoned answer, sent to the notifier.', 'Write the answer to the appeal.', { multiline: true })
  answer: string;
}
