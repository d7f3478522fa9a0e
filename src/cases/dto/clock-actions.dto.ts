import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { RequiredText } from '../../common/validation';
import { TransitionDto } from './transition.dto';

// extend_gdpr_deadline: the reasons for the two further months, sent to the person.
export class ExtendGdprDeadlineDto extends TransitionDto {
  @RequiredText(5000, 'Why the answer needs two further months (GDPR Art. 12(3)); sent to the person who asked.', 'Give the reasons for the extension.', {
    multiline: true,
  })
  // Not `reasons`: the decision form beside it on the case page has a field of that name.
  extensionReasons: string;
}

// record_author_contact: how and when the complaint was passed to the author.
export class RecordAuthorContactDto extends TransitionDto {
  @RequiredText(5000, 'How and when the complaint was passed to the author (kept in the case record).', 'Say how the author was contacted.', { multiline: true })
  note: string;
}

// SI 2013/3028, the poster's answer: they consent to the removal, or they defend the
// statement (then with their full name and postal address, which the note keeps).
export const AUTHOR_ANSWERS = ['consents_to_removal', 'defends_statement'] as const;
export type AuthorAnswer = (typeof AUTHOR_ANSWERS)[number];

// record_author_answer: what the author answered within their 5 days.
export class RecordAuthorAnswerDto extends TransitionDto {
  @ApiProperty({ enum: AUTHOR_ANSWERS, description: 'The author consents to the removal, or defends the statement.' })
  @IsIn(AUTHOR_ANSWERS, { message: 'Say whether the author consents to the removal or defends the statement.' })
  authorAnswer: AuthorAnswer;

  @RequiredText(
    5000,
    'What the author answered (kept in the case record; when they defend the statement, their full name and postal address as they gave them).',
    'Say what the author answered.',
    { multiline: true },
  )
  note: string;
}
