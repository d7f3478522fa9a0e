import type { ItemState } from '../notices/notice-item.entity';
import type { ItemAction } from './decision-item.entity';

// Every decision action in plain words, typed: a new action without its words does not
// compile. Staff read the first (the decision form, the case page), the notifier and the
// public the second ("what was done"), statements of reasons the DSA fields.

// What the editor chooses.
export const ITEM_ACTION_LABELS: Record<ItemAction, string> = {
  remove: 'Remove the article',
  restrict: 'Restrict access in some countries',
  redact: 'Redact a passage',
  remove_media: 'Remove one image (a placeholder names the case)',
  correct: 'Publish a correction or clarification',
  right_of_reply: 'Publish a reply with the article',
  anonymise: 'Replace a name in the article',
  noindex: 'Keep online, hide from search engines',
  no_action: 'No action',
};

// What was done, as the notifier's tracking page and the public say it.
export const ITEM_ACTION_DONE: Record<ItemAction, string> = {
  remove: 'removed',
  restrict: 'access restricted',
  redact: 'passage redacted',
  remove_media: 'image removed and replaced by a placeholder',
  correct: 'correction published with the article',
  right_of_reply: 'reply published with the article',
  anonymise: 'name replaced in the article',
  noindex: 'kept online but hidden from search engines',
  no_action: 'no action taken',
};

// The state of a notice item once decided, in words.
export const ITEM_STATE_LABELS: Record<ItemState, string> = {
  pending: 'Waiting for review',
  out_of_scope: 'Outside our site: no action possible',
  removed: 'Removed',
  restricted: 'Restricted',
  redacted: 'Redacted',
  media_removed: 'Image removed',
  corrected: 'Correction published',
  reply_published: 'Reply published',
  anonymised: 'Name replaced',
  noindexed: 'Hidden from search engines',
  no_action: 'No action taken',
};

// The DSA Transparency Database's statement-of-reasons fields for each action
// (LEGAL.md "Exports"; src/exports/dsa-statement.ts): decision_visibility, with
// decision_visibility_other in words where no value fits, and the content type acted on.
// A correction or a reply labels the article (it adds text and hides nothing).
export interface DsaActionFields {
  decisionVisibility:
    | 'DECISION_VISIBILITY_CONTENT_REMOVED'
    | 'DECISION_VISIBILITY_CONTENT_DISABLED'
    | 'DECISION_VISIBILITY_CONTENT_DEMOTED'
    | 'DECISION_VISIBILITY_CONTENT_LABELLED'
    | 'DECISION_VISIBILITY_OTHER'
    | null;
  visibilityOther: string | null;
  contentType: 'CONTENT_TYPE_TEXT' | 'CONTENT_TYPE_IMAGE';
}

export const DSA_ACTION_FIELDS: Record<ItemAction, DsaActionFields> = {
  remove: { decisionVisibility: 'DECISION_VISIBILITY_CONTENT_REMOVED', visibilityOther: null, contentType: 'CONTENT_TYPE_TEXT' },
  restrict: { decisionVisibility: 'DECISION_VISIBILITY_CONTENT_DISABLED', visibilityOther: null, contentType: 'CONTENT_TYPE_TEXT' },
  redact: { decisionVisibility: 'DECISION_VISIBILITY_OTHER', visibilityOther: 'Part of the text redacted', contentType: 'CONTENT_TYPE_TEXT' },
  remove_media: { decisionVisibility: 'DECISION_VISIBILITY_CONTENT_REMOVED', visibilityOther: null, contentType: 'CONTENT_TYPE_IMAGE' },
  correct: { decisionVisibility: 'DECISION_VISIBILITY_CONTENT_LABELLED', visibilityOther: null, contentType: 'CONTENT_TYPE_TEXT' },
  right_of_reply: { decisionVisibility: 'DECISION_VISIBILITY_CONTENT_LABELLED', visibilityOther: null, contentType: 'CONTENT_TYPE_TEXT' },
  anonymise: { decisionVisibility: 'DECISION_VISIBILITY_OTHER', visibilityOther: 'A name in the text replaced (anonymised)', contentType: 'CONTENT_TYPE_TEXT' },
  noindex: { decisionVisibility: 'DECISION_VISIBILITY_CONTENT_DEMOTED', visibilityOther: null, contentType: 'CONTENT_TYPE_TEXT' },
  no_action: { decisionVisibility: null, visibilityOther: null, contentType: 'CONTENT_TYPE_TEXT' },
};
