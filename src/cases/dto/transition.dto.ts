import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsISO31661Alpha2, IsOptional, IsUUID, Matches, Min } from 'class-validator';
import { ListOf, OptionalText, RequiredText } from '../../common/validation';
import { STAFF_ACTIONS, StaffAction } from '../workflow-actions';
import { CORRECTION_KINDS, CorrectionKind, ITEM_ACTIONS, ItemAction } from '../decision-item.entity';
import { LEGAL_GROUNDS, LegalGround } from '../decision.entity';

// Every transition names the version of the case it was decided on (optimistic locking).
export class TransitionDto {
  @ApiProperty({ description: 'The workflow action.', enum: STAFF_ACTIONS })
  @IsIn(STAFF_ACTIONS, { message: 'Unknown action.' })
  action: StaffAction;

  @ApiProperty({ description: 'The case version this action was decided on; a stale version gets 409.' })
  @IsDefined({ message: 'Give the case version you are acting on.' })
  @IsInt({ message: 'Must be a whole number.' })
  @Min(1)
  version: number;
}

export class AssignDto extends TransitionDto {
  @ApiPropertyOptional({ description: 'Who to assign; yourself when absent (others: legal and admin only).' })
  @IsOptional()
  @IsUUID('all', { message: 'Must be a user id.' })
  assigneeId?: string;
}

export class MessageDto extends TransitionDto {
  @RequiredText(5000, 'request_info: the question to the notifier (shown on their tracking page).', 'Write the question for the notifier.', { multiline: true })
  message: string;
}

export class ReasonDto extends TransitionDto {
  @RequiredText(5000, 'Why (escalate, reject_approval, reopen, restore).', 'Give a reason.', { multiline: true })
  reason: string;
}

export class ApproveDto extends TransitionDto {
  // The desk page sends false when its box is left unticked; an API client may leave it out.
  @ApiPropertyOptional({ description: 'The desk page sends the approver’s confirmation; when present it must be true.' })
  @IsOptional()
  @IsIn([true], { message: 'Tick the box to confirm that you approve this decision.' })
  confirm?: boolean;

  @OptionalText(2000, 'approve: an optional comment, kept with the approval (staff only).', { multiline: true })
  comment?: string;
}

export class DecisionItemDto {
  @ApiProperty()
  @IsUUID('all', { message: 'Must be an item id of this case.' })
  itemId: string;

  @ApiProperty({ enum: ITEM_ACTIONS })
  @IsIn(ITEM_ACTIONS, { message: `Must be one of: ${ITEM_ACTIONS.join(', ')}.` })
  action: ItemAction;

  @ApiPropertyOptional({ type: [String], description: 'restrict: ISO 3166-1 alpha-2 codes.' })
  @IsOptional()
  @ArrayMaxSize(250)
  @IsArray({ message: 'Must be a list of country codes.' })
  @IsISO31661Alpha2({ each: true, message: 'Each must be a two-letter country code, like DE.' })
  territories?: string[];

  @ApiPropertyOptional({ description: 'restrict: last day (YYYY-MM-DD); open-ended when absent.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Must be a date like 2027-01-31.' })
  until?: string;

  @OptionalText(5000, 'redact: the passage to redact, quoted from the article.', { multiline: true })
  passage?: string;

  @OptionalText(2000, 'remove_media (required): the image to remove, by its web address or identifier; the public page shows a placeholder naming the case.', {
    example: 'https://freelanews.com/media/istanbul-talks.jpg',
  })
  media?: string;

  @OptionalText(5000, 'correct (required): the correction or clarification as readers see it; right_of_reply (required): the reply to publish.', { multiline: true })
  text?: string;

  @ApiPropertyOptional({ enum: CORRECTION_KINDS, description: 'correct: a correction (default) or a clarification.' })
  @IsOptional()
  @IsIn(CORRECTION_KINDS, { message: `Must be one of: ${CORRECTION_KINDS.join(', ')}.` })
  correctionKind?: CorrectionKind;

  @OptionalText(200, 'right_of_reply (required): who replies, printed above the reply.')
  replyBy?: string;

  @OptionalText(200, 'anonymise (required): the name to replace, as written in the article (every occurrence, title included).')
  name?: string;

  @OptionalText(200, 'anonymise (required): what stands in place of the name, e.g. "a local man" or "M.".')
  replacement?: string;
}

export class DecideDto extends TransitionDto {
  @ApiProperty({ type: [DecisionItemDto], description: 'One entry per item in scope.' })
  @ArrayMaxSize(1000)
  @ArrayMinSize(1, { message: 'Decide at least one item.' })
  @ListOf(() => DecisionItemDto)
  items: DecisionItemDto[];

  @ApiProperty({ enum: LEGAL_GROUNDS })
  @IsIn(LEGAL_GROUNDS, { message: `Must be one of: ${LEGAL_GROUNDS.join(', ')}.` })
  ground: LegalGround;

  @RequiredText(20_000, 'The statement of reasons (required; sent to the notifier and the author).', 'Give the statement of reasons.', { multiline: true })
  reasons: string;

  @OptionalText(2000, 'Shown on the tombstone page of a removed article (no personal data).', { multiline: true })
  publicNote?: string;
}

export class DuplicateDto extends TransitionDto {
  @RequiredText(40, 'close_duplicate: the reference of the earlier case (TD-2026-000001).', 'Name the earlier case.')
  duplicateOf: string;
}

export const APPEAL_OUTCOMES = ['uphold', 'reverse'] as const;

// decide_appeal: uphold the decision, or reverse it with a new one (the decision fields).
export class DecideAppealDto extends TransitionDto {
  @ApiProperty({ enum: APPEAL_OUTCOMES })
  @IsIn(APPEAL_OUTCOMES, { message: 'Must be uphold or reverse.' })
  outcome: (typeof APPEAL_OUTCOMES)[number];

  @RequiredText(20_000, 'The reasoned answer sent to both parties.', 'Give the reasoned answer.', { multiline: true })
  answer: string;

  @ApiPropertyOptional({ type: [DecisionItemDto], description: 'reverse: the new decision, one entry per item in scope.' })
  @IsOptional()
  @ArrayMaxSize(1000)
  @ListOf(() => DecisionItemDto)
  items?: DecisionItemDto[];

  @ApiPropertyOptional({ enum: LEGAL_GROUNDS })
  @IsOptional()
  @IsIn(LEGAL_GROUNDS, { message: `Must be one of: ${LEGAL_GROUNDS.join(', ')}.` })
  ground?: LegalGround;

  @OptionalText(20_000, 'reverse: the statement of reasons of the new decision.', { multiline: true })
  reasons?: string;

  @OptionalText(2000, 'reverse: shown on the tombstone page of a removed article.', { multiline: true })
  publicNote?: string;
}

// The desk's own actions carry nothing.
export class NoPayload {}
