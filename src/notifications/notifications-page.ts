import type { FieldError } from '../common/desk-error';
import { html, SafeHtml } from '../common/html';
import type { StaffActor } from '../staff/staff-actor';
import { errorSummary, FormField, renderField } from '../web/form-fields';
import { page } from '../web/layout';
import { listHref } from '../web/list-page';
import { csrfInput, formatTime, okBanner, staffNav, titled } from '../web/page-parts';
import type { NotificationPageDto } from './dto/notification.dto';

export const EMAIL_FIELD: FormField = {
  name: 'email',
  kind: 'radio',
  label: 'E-mail copies',
  hint: 'Each notification can also reach you by e-mail, with a link to its case.',
  options: [
    { value: 'on', label: 'Send me an e-mail for each notification' },
    { value: 'off', label: 'Only show them here' },
  ],
};

export interface NotificationsPageState {
  actor: StaffActor;
  csrfToken: string;
  result: NotificationPageDto;
  unreadOnly: boolean;
  emailOn: boolean;
  done?: string | null;
  errors?: FieldError[];
  // What the preference form sent, kept on a refusal.
  emailValue?: string;
}

const DONE: Record<string, string> = {
  read: 'Marked read.',
  all_read: 'All your notifications are marked read.',
  email_on: 'Each notification will also reach you by e-mail.',
  email_off: 'Notifications will only show here; no more e-mails for them.',
};

export function doneMessage(code: unknown): string | null {
  return typeof code === 'string' && Object.hasOwn(DONE, code) ? DONE[code] : null;
}

function pageLink(state: NotificationsPageState, page: number): string {
  return listHref('/desk/notifications', { unread: state.unreadOnly ? 'true' : '' }, { page: page > 1 ? String(page) : '' });
}

function item(state: NotificationsPageState, note: NotificationPageDto['notifications'][number]): SafeHtml {
  const unread = !note.readAt;
  const back = pageLink(state, state.result.page);
  return html`<li class="${unread ? 'unread' : 'read'}">
<div class="note-text">${unread ? html`<strong class="tag">Unread</strong> ` : html`<span class="visually-hidden">Read. </span>`}${note.text}
<div class="muted">${formatTime(note.createdAt)}${note.caseReference ? html` · <a href="/desk/notifications/${note.id}">Open case ${note.caseReference}</a>` : null}</div></div>
${
  unread
    ? html`<form method="post" action="/desk/notifications/read">${csrfInput(state.csrfToken)}<input type="hidden" name="id" value="${note.id}"><input type="hidden" name="back" value="${back}"><button type="submit" class="secondary">Mark read<span class="visually-hidden">: ${note.text}</span></button></form>`
    : null
}
</li>`;
}

function list(state: NotificationsPageState): SafeHtml {
  const { result } = state;
  if (!result.notifications.length) {
    const words = state.unreadOnly ? 'You have no unread notifications.' : 'You have no notifications yet.';
    return html`<p class="empty">${result.page > 1 ? 'There is nothing on this page.' : words} You are told here when a case is assigned to you, a decision waits for your approval, the notifier or the author answers on your case, or a clock on your case falls due within a day (or fell due before anyone was told).</p>`;
  }
  return html`<ul class="notifications">${result.notifications.map((note) => item(state, note))}</ul>
<nav aria-label="Pages" class="notification-tools">
${result.page > 1 ? html`<a href="${pageLink(state, result.page - 1)}">Newer</a>` : null}
<span class="muted">Page ${String(result.page)}</span>
${result.hasMore ? html`<a href="${pageLink(state, result.page + 1)}">Older</a>` : null}
</nav>`;
}

export function notificationsPage(state: NotificationsPageState): string {
  const errors = state.errors ?? [];
  const unread = state.result.unread;
  const emailValue = state.emailValue ?? (state.emailOn ? 'on' : 'off');
  return page({
    title: titled('Notifications', errors),
    private: true,
    staff: staffNav(state.actor, state.csrfToken),
    body: html`${errorSummary(errors, [EMAIL_FIELD])}
${okBanner(doneMessage(state.done))}
<h1>Notifications</h1>
<p>${unread ? `You have ${unread} unread notification${unread === 1 ? '' : 's'}.` : 'You have no unread notifications.'}</p>
<div class="notification-tools">
${state.unreadOnly ? html`<a href="/desk/notifications">Show all</a>` : html`<a href="/desk/notifications?unread=true">Show only unread</a>`}
${
  unread
    ? html`<form method="post" action="/desk/notifications/read">${csrfInput(state.csrfToken)}<input type="hidden" name="all" value="true"><button type="submit">Mark all read</button></form>`
    : null
}
</div>
${list(state)}
<h2 id="email-preference">E-mail</h2>
<form method="post" action="/desk/notifications/email" novalidate aria-labelledby="email-preference">
${csrfInput(state.csrfToken)}
${renderField(EMAIL_FIELD, { values: { email: emailValue }, errors })}
<button type="submit">Save</button>
</form>`,
  });
}
