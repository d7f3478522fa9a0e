import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { RequiredText } from '../../common/validation';
import { ACCOUNT_OUTCOMES, AccountOutcome } from '../account-review.entity';

// Legal's decision on a repeat infringer's contributor account.
export class AccountDecisionDto {
  @ApiProperty({ enum: ACCOUNT_OUTCOMES, description: '`terminate`: end the contributor account; `keep`: keep it.' })
  @IsIn(ACCOUNT_OUTCOMES, { message: 'Choose terminate or keep.' })
  outcome: AccountOutcome;

  @RequiredText(5000, 'The reasons, kept with the decision.', 'Give the reasons.', { multiline: true })
  reasons: string;
}
