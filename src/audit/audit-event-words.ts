import { ARTICLE_STATE_NAMES, GROUND_NAMES, STATUS_NAMES } from '../cases/case-labels';
import type { CaseStatus } from '../cases/case.entity';
import { html, SafeHtml, userText } from '../common/html';
import { EVENT_LABELS, EventName } from '../events/event-names';
import type { FieldOption } from '../web/form-fields';
import { formatTime } from '../web/page-parts';
import type { AuditEvent } from './audit-export';
import { UUID } from './audit-query';

// The audit log in words: the action picker's choices, the labels of recorded fields and
// their values as a person reads them (names for staff ids, dates for times, words for codes).

const GROUPS: Record<string, string> = {
  notice: 'Notices',
  case: 'Cases',
  decision: 'Decisions',
  appeal: 'Appeals',
  counter_notice: 'Counter-notices',
  misuse: 'Misuse (manifestly unfounded notices)',
  strike: 'Contributor strikes',
  article: 'Articles',
  message: 'Messages',
  notifier: 'Notifiers',
  auth: 'Signing in',
  user: 'Staff accounts',
  token: 'API tokens',
  events: 'The event log',
  export: 'Exports',
  dsa_tdb: 'DSA Transparency Database',
};

// Every typed event name, by group: first "any event of the group" (a prefix), then each
// event by its label. A value typed by hand into the address is kept as a choice of its own.
export function actionOptions(current: string | undefined): FieldOption[] {
  const byGroup = new Map<string, EventName[]>();
  for (const name of Object.keys(EVENT_LABELS) as EventName[]) {
    const prefix = name.slice(0, name.indexOf('.'));
    byGroup.set(prefix, [...(byGroup.get(prefix) ?? []), name]);
  }
  const options: FieldOption[] = [{ value: '', label: 'Any action' }];
  for (const [prefix, names] of byGroup) {
    const group = GROUPS[prefix] ?? prefix;
    options.push({ value: `${prefix}.`, label: `Any of: ${group.toLowerCase()}`, group });
    const sorted = [...names].sort((a, b) => EVENT_LABELS[a].localeCompare(EVENT_LABELS[b]));
    options.push(...sorted.map((name) => ({ value: name, label: EVENT_LABELS[name], group })));
  }
  if (current && !options.some((option) => option.value === current)) options.splice(1, 0, { value: current, label: `As typed: ${current}` });
  return options;
}

const FIELD_LABELS: Record<string, string> = {
  status: 'Status',
  assigneeId: 'Assignee',
  dueAt: 'Due',
  state: 'State',
  role: 'Role',
  active: 'Active',
  priority: 'Priority',
  version: 'Version',
  slaRemainingSeconds: 'Review time left',
  notifierRepliedAt: 'Notifier replied',
  restoreEarliestAt: 'Restore from',
  restoreLatestAt: 'Restore by',
  lapseDueAt: 'Lapses',
  ground: 'Legal ground',
  outcome: 'Outcome',
  requiresApproval: 'Needs a second person',
  recipientRole: 'Recipient',
  kind: 'Kind',
  reasons: 'Statement of reasons',
  publicNote: 'Public note',
  message: 'Message',
  reason: 'Reason',
  comment: 'Comment',
  answer: 'Answer',
  events: 'Events',
  ok: 'Intact',
  format: 'Format',
  email: 'E-mail address',
  name: 'Name',
  expiresAt: 'Expires',
  tokenId: 'API token',
  userId: 'Staff member',
  actorId: 'By',
  approverId: 'Approver',
  authorEmail: 'Author',
  activeStrikes: 'Active strikes',
  cause: 'Why',
  countedAtOpening: 'Strikes when the review opened',
  withdrawn: 'Withdrawn since',
  belowThreshold: 'Now below the threshold',
  reviews: 'Account reviews that counted it',
  count: 'How many',
  complete: 'Complete',
  from: 'From',
  to: 'To',
  first: 'First',
  last: 'Last',
  stage: 'At',
  puids: 'Statements',
  firstError: 'First error',
};

// `restoreEarliestAt` reads "Restore earliest at" when there is no label of its own.
export function fieldLabel(field: string): string {
  if (Object.hasOwn(FIELD_LABELS, field)) return FIELD_LABELS[field];
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// Why a strike was withdrawn (src/strikes).
const CAUSE_NAMES: Record<string, string> = {
  appeal_reversed: 'Reversed on appeal',
  decision_reversed: 'A later decision no longer removes the article',
  content_restored: 'Restored after a counter-notice',
};
// Where a statement of reasons was given up on (src/exports).
const STAGE_NAMES: Record<string, string> = { submission: 'Submission (refused or out of attempts)', schema_check: 'Our schema check, before sending' };
const ROLE_NAMES: Record<string, string> = { editor: 'Editor', legal: 'Legal', admin: 'Admin', notifier: 'Notifier', author: 'Author', staff: 'Staff' };
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function codeName(field: string, raw: string): string | undefined {
  if (field === 'status') return STATUS_NAMES[raw as CaseStatus];
  if (field === 'state') return ARTICLE_STATE_NAMES[raw];
  if (field === 'ground') return GROUND_NAMES[raw];
  if (field === 'role' || field === 'recipientRole') return ROLE_NAMES[raw];
  if (field === 'cause') return CAUSE_NAMES[raw];
  if (field === 'stage') return STAGE_NAMES[raw];
  if (field === 'kind' || field === 'outcome' || field === 'priority') return raw.replace(/_/g, ' ');
  return undefined;
}

function duration(seconds: number): string {
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

// Nothing worth a line: no value, an empty list or an empty object.
export function isBlank(raw: unknown): boolean {
  if (raw === null || raw === undefined || raw === '') return true;
  if (Array.isArray(raw)) return raw.length === 0;
  return typeof raw === 'object' && Object.keys(raw).length === 0;
}

// One recorded value, readably; `names` maps staff ids to names.
export function valueOf(field: string, raw: unknown, names: Map<string, string>): SafeHtml {
  if (raw === null || raw === undefined || raw === '') return html`<em class="muted">none</em>`;
  const shown = (inner: SafeHtml | string) => html`<span class="value">${inner}</span>`;
  if (typeof raw === 'boolean') return shown(raw ? 'Yes' : 'No');
  if (typeof raw === 'number') return shown(field === 'slaRemainingSeconds' ? duration(raw) : String(raw));
  if (typeof raw !== 'string') return shown(JSON.stringify(raw));
  if (ISO_TIME.test(raw)) return shown(formatTime(raw));
  if (names.has(raw)) return shown(userText(names.get(raw)) ?? '');
  if (UUID.test(raw)) return shown(/Id$/.test(field) && field !== 'requestId' ? 'a former staff member' : html`<code class="id">${raw}</code>`);
  return shown(codeName(field, raw) ?? raw);
}

const SUBJECT_NAMES: Record<string, string> = {
  case: 'Case',
  notice: 'Notice',
  decision: 'Decision',
  appeal: 'Appeal',
  counter_notice: 'Counter-notice',
  article: 'Article',
  message: 'Message',
  user: 'Staff member',
  api_token: 'API token',
  event_log: 'Event log',
  contributor_strike: 'Contributor strike',
  contributor_review: 'Account review',
  export: 'Export',
  dsa_submission: 'DSA submission',
};

// What an event is about, in words: a staff member by name, a case by its reference.
export function subjectOf(event: AuditEvent, names: Map<string, string>): SafeHtml {
  const type = SUBJECT_NAMES[event.subject.type] ?? fieldLabel(event.subject.type);
  if (event.subject.type === 'user') return html`${type}: ${userText(names.get(event.subject.id)) ?? 'a former staff member'}`;
  return html`${type}`;
}

// The subject's id is worth showing only where the subject column does not name it.
export function subjectIdShown(event: AuditEvent): boolean {
  if (event.subject.type === 'user' || event.subject.type === 'event_log') return false;
  return !(event.subject.type === 'case' && event.caseReference);
}
