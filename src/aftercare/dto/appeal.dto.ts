import { RequiredText } from '../../common/validation';

// An internal complaint against a decision (DSA Art. 20).
export class AppealDto {
  @RequiredText(20_000, 'Why the decision should change.', 'Give the grounds of your appeal.', { multiline: true })
  grounds: string;
}
