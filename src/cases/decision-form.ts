import { html, SafeHtml } from '../common/html';
import { FormField, FormState, renderField } from '../web/form-fields';
import { CaseDetail, GROUND_NAMES } from './case-labels';
import { errorsFor, PageContext, transitionForm, valuesFor } from './case-page-context';
import { ITEM_ACTIONS, ItemAction } from './decision-item.entity';
import { groundsFor, MIN_REASONS_LENGTH } from './decision-rules';
import { ITEM_ACTION_LABELS } from './item-action-labels';
import { MIN_REMEDY_TEXT } from './remedy-rules';

// The decision form: per item a choice of action, and only the fields of the chosen one.
// No script (the CSP allows none): every action's fields follow the choice in a group the
// stylesheet shows when its radio is checked (`:has(:checked)`); a browser without :has
// shows them all, and the desk keeps only the chosen action's fields (desk-form.ts).

const ACTION_HINTS: Partial<Record<ItemAction, string>> = {
  remove_media: 'A copyright claim about one photo: the rest of the article stays.',
  correct: 'Usually settles a defamation claim: the text is appended with today’s date.',
  anonymise: 'A true old story about a private person.',
  noindex: 'The usual answer to a right-to-be-forgotten request for a true old story.',
};

// Whether the action waits for a second person on a public-interest article (decision-rules.ts).
const HIDES: readonly ItemAction[] = ['remove', 'restrict', 'redact', 'remove_media', 'anonymise', 'noindex'];

type Item = CaseDetail['items'][number];

export interface DecideRow {
  item: Item;
  index: number;
  choice: FormField;
  groups: Array<{ action: ItemAction; fields: FormField[]; note?: string }>;
  // Every field of the row, in page order (for the error summary).
  fields: FormField[];
}

function actionGroups(index: number, n: number): DecideRow['groups'] {
  const name = (field: string) => `items[${index}].${field}`;
  return [
    {
      action: 'restrict',
      fields: [
        { name: name('territories'), kind: 'text', label: `Territories for item ${n}`, hint: 'Country codes, comma-separated, like DE, AT.', width: 'medium' },
        { name: name('until'), kind: 'date', label: `Restricted until (item ${n})`, hint: 'The last day of the restriction. Empty: no end date.', width: 'medium', optional: true },
      ],
    },
    { action: 'redact', fields: [{ name: name('passage'), kind: 'textarea', label: `Passage to redact (item ${n})`, hint: 'Quote the words exactly as in the article.' }] },
    {
      action: 'remove_media',
      fields: [{ name: name('media'), kind: 'text', label: `Image to remove (item ${n})`, hint: 'Its web address or identifier. Readers see a placeholder naming the case.' }],
    },
    {
      action: 'correct',
      fields: [
        {
          name: name('correctionKind'),
          kind: 'radio',
          label: `Correction or clarification (item ${n})`,
          options: [
            { value: 'correction', label: 'Correction', hint: 'The article got a fact wrong.' },
            { value: 'clarification', label: 'Clarification', hint: 'The article could be misread.' },
          ],
        },
        {
          name: name('text'),
          kind: 'textarea',
          label: `Text of the correction (item ${n})`,
          hint: `As readers will see it, at least ${MIN_REMEDY_TEXT} characters. Appended with today’s date.`,
        },
      ],
    },
    {
      action: 'right_of_reply',
      fields: [
        { name: name('replyBy'), kind: 'text', label: `Reply from (item ${n})`, hint: 'The person or organisation replying, printed above the reply.', width: 'medium' },
        { name: name('replyText'), kind: 'textarea', label: `Text of the reply (item ${n})`, hint: `Published with the article as sent, at least ${MIN_REMEDY_TEXT} characters.` },
      ],
    },
    {
      action: 'anonymise',
      fields: [
        {
          name: name('name'),
          kind: 'text',
          label: `Name to replace (item ${n})`,
          hint: 'As printed in the article; every occurrence is replaced, the title too.',
          width: 'medium',
        },
        { name: name('replacement'), kind: 'text', label: `Replace with (item ${n})`, hint: 'For example “a local man” or “M.”.', width: 'medium' },
      ],
    },
    { action: 'noindex', fields: [], note: 'The article stays online; its page asks search engines not to index it (noindex).' },
  ];
}

// The decision form's fields: one row per item in scope, then ground, reasons and note.
export function decideFields(detail: CaseDetail): { rows: DecideRow[]; fields: FormField[] } {
  const inScope = detail.items.filter((item) => item.state !== 'out_of_scope');
  const rows = inScope.map((item, index): DecideRow => {
    const n = item.position + 1;
    const choice: FormField = {
      name: `items[${index}].action`,
      kind: 'radio',
      label: `Decision for item ${n}`,
      options: ITEM_ACTIONS.map((action) => ({ value: action, label: ITEM_ACTION_LABELS[action], hint: ACTION_HINTS[action] })),
    };
    const groups = actionGroups(index, n);
    return { item, index, choice, groups, fields: [choice, ...groups.flatMap((group) => group.fields)] };
  });
  const fields: FormField[] = [
    {
      name: 'ground',
      kind: 'select',
      label: 'Legal ground',
      options: [{ value: '', label: 'Choose a ground' }, ...groundsFor(detail.notice.type).map((ground) => ({ value: ground, label: GROUND_NAMES[ground] ?? ground }))],
    },
    {
      name: 'reasons',
      kind: 'textarea',
      label: 'Statement of reasons',
      hint: `Sent to the notifier and to the article's author (at least ${MIN_REASONS_LENGTH} characters): the facts, the ground and why.`,
    },
    { name: 'publicNote', kind: 'textarea', label: 'Public note', hint: 'Shown on the tombstone page of a removed article. No personal data.', optional: true },
  ];
  return { rows, fields };
}

// A fresh form starts from what the notice names: the image it is about, a correction.
function defaults(rows: DecideRow[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { item, index } of rows) {
    if (item.media) values[`items[${index}].media`] = item.media;
    values[`items[${index}].correctionKind`] = 'correction';
  }
  return values;
}

function itemRow(row: DecideRow, state: FormState, publicInterest: boolean): SafeHtml {
  const { item, index } = row;
  return html`<fieldset class="item-row decide-item">
<legend>Item ${item.position + 1}: <span class="url">${item.url}</span></legend>
<input type="hidden" name="items[${index}].itemId" value="${item.id}">
${
  publicInterest
    ? html`<p class="hint">Public-interest article: ${HIDES.map((action) => ITEM_ACTION_LABELS[action].toLowerCase().replace(/ \(.*\)$/, '')).join(', ')} waits for a second person (legal or admin); a correction or a reply does not.</p>`
    : null
}
${renderField(row.choice, state)}
${row.groups.map(
  (group) => html`<div class="action-fields" data-action="${group.action}" role="group" aria-label="${ITEM_ACTION_LABELS[group.action]}: item ${item.position + 1}">
<p class="action-fields-title">${ITEM_ACTION_LABELS[group.action]}</p>
${group.note ? html`<p class="hint">${group.note}</p>` : null}
${group.fields.map((field) => renderField(field, state))}
</div>`,
)}
</fieldset>`;
}

export function decideForm(ctx: PageContext): SafeHtml {
  const { rows, fields } = decideFields(ctx.detail);
  const submitted = ctx.form?.action === 'decide';
  const state: FormState = { values: submitted ? valuesFor(ctx, 'decide') : defaults(rows), errors: errorsFor(ctx, 'decide') };
  const publicInterest = new Set(ctx.detail.articles.filter((article) => article.publicInterest).map((article) => article.id));
  return html`<section class="panel" aria-labelledby="decide-heading">
<h3 id="decide-heading">Record a decision</h3>
${transitionForm(
  ctx,
  'decide',
  html`${rows.map((row) => itemRow(row, state, !!row.item.articleId && publicInterest.has(row.item.articleId)))}
${fields.map((field) => renderField(field, state))}
<button type="submit">Record decision</button>`,
  { label: 'Record a decision' },
)}
</section>`;
}
