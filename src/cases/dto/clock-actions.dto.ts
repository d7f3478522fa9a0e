import { RequiredText } from '../../common/validation';
import { TransitionDto } from './transition.dto';

// extend_gdpr_deadline: the reasons for the two further months, sent to the person.
export class ExtendGdprDeadlineDto extends TransitionDto {
  @RequiredText(5000, 'Why the answer needs two further months (GDPR Art. 12(3)); sent to the person who asked.', 'Give the reasons for the extension.', {
    multiline: true,
  })
  reasons: string;
}

// record_author_contact: how and when the complaint was passed to the author.
export class RecordAuthorContactDto extends TransitionDto {
  @RequiredText(5000, 'How and when the complaint was passed to the author (kept in the case record).', 'Say how the author was contacted.', { multiline: true })
  note: string;
}
