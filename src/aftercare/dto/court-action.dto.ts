import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, Matches } from 'class-validator';
import { RequiredText } from '../../common/validation';

// The notifier's report of a court action against the author (§512(g)(2)(C)).
export class CourtActionDto {
  @RequiredText(300, 'The court where the action was filed.', 'Name the court.')
  court: string;

  @RequiredText(100, "The court's case number.", 'Give the case number.')
  caseNumber: string;

  @ApiProperty({ description: 'The day it was filed (YYYY-MM-DD).' })
  @IsDefined({ message: 'Give the date it was filed.' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'Must be a date like 2026-12-01.' })
  filedOn: string;
}
