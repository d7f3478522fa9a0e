import { RequiredText } from '../../common/validation';

export class AddNoteDto {
  @RequiredText(10_000, 'Internal note: staff only.', 'Write the note.', { multiline: true })
  body: string;
}
