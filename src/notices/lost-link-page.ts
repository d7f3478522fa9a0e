import { html } from '../common/html';
import { page } from '../web/layout';
import { errorSummary, FormField, FormState, renderField } from '../web/form-fields';
import { titled } from '../web/page-parts';
import { FORM_TOKEN_FIELD } from './notice-form-fields';
import { LOST_LINK_REQUESTS_PER_ADDRESS_PER_HOUR } from './lost-link.service';

export const LOST_LINK_FIELDS: FormField[] = [
  {
    name: 'email',
    kind: 'email',
    label: 'Your e-mail address',
    hint: 'The address you gave on your notice.',
    autocomplete: 'email',
  },
];

// "Lost your link?": also what /track without a token shows.
export function lostLinkPage(formToken: string, state: FormState = { values: {}, errors: [] }): string {
  return page({
    title: titled('Lost your tracking link?', state.errors),
    private: true,
    body: html`${errorSummary(state.errors, LOST_LINK_FIELDS)}
<h1>Lost your tracking link?</h1>
<p class="lead">Your case has a private tracking link: it was on your receipt page and in the receipt we e-mailed you. If you cannot find it, we can e-mail you a new one.</p>
<p>We send a new link for each open case filed with your address, but only to an address that was confirmed: by opening the link in the receipt we e-mailed you once.</p>
<form method="post" action="/track/lost" novalidate>
<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${formToken}">
${LOST_LINK_FIELDS.map((field) => renderField(field, state))}
<button type="submit">E-mail me new links</button>
</form>
<h2>What happens to the old link</h2>
<p>A new link replaces the old one: once we send it, the old link no longer works. That also protects you if someone else saw your old link.</p>
<p class="muted">Filed without an e-mail address? Write to us quoting your case reference.</p>`,
  });
}

// The same answer whatever the address: whether it has cases is never shown.
export function lostLinkSentPage(): string {
  return page({
    title: 'Check your e-mail',
    private: true,
    body: html`<div class="notice-box ok" role="status">
<h1>Check your e-mail</h1>
<p>If this address was confirmed and has open cases with us, we have sent it a new tracking link for each of them.</p>
</div>
<p>The message should arrive within a few minutes. Look in your spam folder too. Each new link replaces the old one of its case.</p>
<p>Nothing arrived? The address may not be the one on your notice, it may not have been confirmed, or its cases may be closed. We send new links to one address at most ${LOST_LINK_REQUESTS_PER_ADDRESS_PER_HOUR} times an hour.</p>
<p><a href="/">Back to the start page</a></p>`,
  });
}
