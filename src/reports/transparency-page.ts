import type { FieldError } from '../common/desk-error';
import { html, SafeHtml } from '../common/html';
import { errorSummary, FormField, renderField } from '../web/form-fields';
import { page, publisherName } from '../web/layout';
import { titled } from '../web/page-parts';
import { Bar, barChart, figuresTable } from './svg-charts';
import type { TransparencyReport } from './transparency-report';

// The public transparency page (/transparency): a period form, then each figure as an SVG
// chart with its table beside it. No script; links to the same figures as JSON and CSV.

export interface TransparencyPageState {
  values: { from?: string; to?: string };
  errors: FieldError[];
  report: TransparencyReport | null;
}

export const PERIOD_FIELDS: FormField[] = [
  { name: 'from', kind: 'text', label: 'From', hint: 'First day of the period, like 2026-01-01.', width: 'short', autocomplete: 'off' },
  { name: 'to', kind: 'text', label: 'To', hint: 'Last day of the period (included), like 2026-12-31.', width: 'short', autocomplete: 'off' },
];

const hoursText = (value: number) => `${value.toLocaleString('en-GB')} h`;
const share = (value: number | null) => (value === null ? '—' : `${(value * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })} %`);

function section(id: string, title: string, caption: string, header: [string, string], bars: Bar[], format?: (value: number) => string): SafeHtml {
  return html`<div class="chart-pair">
${barChart({ id, title, bars, format })}
${figuresTable(caption, header, bars, format)}
</div>`;
}

function reportBody(report: TransparencyReport): SafeHtml {
  const { notices, decisions, counterNotices, appeals } = report;
  const query = `from=${encodeURIComponent(report.period.from)}&to=${encodeURIComponent(report.period.to)}`;
  const time = decisions.timeToDecision;
  return html`<p class="lead">From ${report.period.from} to ${report.period.to} (both included, UTC).</p>
<p>Download these figures as <a href="/api/v1/reports/transparency?${query}&amp;format=csv">CSV</a> or <a href="/api/v1/reports/transparency?${query}">JSON</a>.</p>

<h2 id="notices">Notices received</h2>
<dl class="facts">
  <dt>Notices received</dt><dd>${notices.total.toLocaleString('en-GB')}</dd>
  <dt>Incomplete when filed</dt><dd>${notices.incompleteAtFiling.toLocaleString('en-GB')} (${share(notices.incompleteShare)})</dd>
</dl>
${section(
  'chart-notices-type',
  'Notices received by type',
  'Notices received by type',
  ['Type', 'Notices'],
  notices.byType.map((c) => ({ label: c.label, value: c.count })),
)}
${section(
  'chart-notices-sender',
  'Notices received by kind of sender',
  'Notices received by kind of sender',
  ['Sender', 'Notices'],
  notices.bySenderKind.map((c) => ({ label: c.label, value: c.count })),
)}

<h2 id="actions">Decisions and actions taken</h2>
<dl class="facts">
  <dt>Decisions</dt><dd>${decisions.total.toLocaleString('en-GB')}</dd>
  <dt>Some content actioned</dt><dd>${decisions.actioned.toLocaleString('en-GB')}</dd>
  <dt>Nothing actioned</dt><dd>${decisions.rejected.toLocaleString('en-GB')}</dd>
</dl>
${section(
  'chart-decisions-ground',
  'Decisions by legal ground',
  'Decisions by legal ground',
  ['Ground', 'Decisions'],
  decisions.byGround.map((c) => ({ label: c.label, value: c.count })),
)}
${section(
  'chart-items-action',
  'Addresses (URLs) decided, by action',
  'Addresses decided, by action',
  ['Action', 'Addresses'],
  decisions.itemsByAction.map((c) => ({ label: c.label, value: c.count })),
)}
${
  decisions.actions.length
    ? html`<table class="figures">
<caption>Addresses decided, by ground and action</caption>
<thead><tr><th scope="col">Ground</th><th scope="col">Action</th><th scope="col" class="number">Addresses</th></tr></thead>
<tbody>${decisions.actions.map((row) => html`<tr><td>${row.groundLabel}</td><td>${row.actionLabel}</td><td class="number">${row.items.toLocaleString('en-GB')}</td></tr>`)}</tbody>
</table>`
    : html`<p class="muted">No decisions in this period.</p>`
}

<h2 id="time">Time to decision</h2>
<p>From the notice's receipt to the case's first decision, over ${time.decided.toLocaleString('en-GB')} cases first decided in the period.</p>
${
  time.medianHours === null
    ? html`<p class="muted">No case was decided in this period.</p>`
    : section(
        'chart-time',
        'Time to decision, in hours',
        'Time to decision',
        ['Measure', 'Hours'],
        [
          { label: 'Median', value: time.medianHours },
          { label: '90th percentile', value: time.p90Hours ?? 0 },
        ],
        hoursText,
      )
}

<h2 id="counter-notices">Counter-notices and restorations</h2>
${section(
  'chart-counter',
  'Counter-notices, restorations and court actions',
  'Counter-notices and restorations',
  ['Measure', 'Count'],
  [
    { label: 'Counter-notices received', value: counterNotices.received },
    { label: 'Complete counter-notices', value: counterNotices.complete },
    { label: 'Content restored', value: counterNotices.restorations },
    { label: 'Court actions reported', value: counterNotices.litigationHolds },
  ],
)}

<h2 id="appeals">Appeals (internal complaints)</h2>
${section(
  'chart-appeals',
  'Appeals received and decided',
  'Appeals',
  ['Measure', 'Count'],
  [
    { label: 'Received', value: appeals.received },
    { label: 'By notifiers', value: appeals.byNotifiers },
    { label: 'By authors', value: appeals.byAuthors },
    { label: 'Decision upheld', value: appeals.upheld },
    { label: 'Decision reversed', value: appeals.reversed },
  ],
)}
<p>Median time to decide an appeal: ${appeals.medianDecisionHours === null ? 'no appeal was decided in this period' : hoursText(appeals.medianDecisionHours)}.</p>

<h2 id="misuse">Suspensions for misuse</h2>
<p>Senders suspended for frequently filing manifestly unfounded notices (DSA Art. 23): ${report.misuse.suspensions.toLocaleString('en-GB')}.</p>
<p class="muted">Generated ${report.generatedAt}.</p>`;
}

export function transparencyPage(state: TransparencyPageState): string {
  const formState = { values: state.values as Record<string, string>, errors: state.errors };
  return page({
    title: titled('Transparency report', state.errors),
    body: html`${errorSummary(state.errors, PERIOD_FIELDS)}
<h1>Transparency report</h1>
<p>What the desk received and decided about ${publisherName()} articles: legal notices, actions taken, the time they took, counter-notices, appeals and misuse (Digital Services Act Arts. 15 and 24).</p>
<form method="get" action="/transparency" class="period" novalidate>
<fieldset><legend>Period</legend>
${PERIOD_FIELDS.map((field) => renderField(field, formState))}
<button type="submit">Show figures</button>
</fieldset>
</form>
${state.report ? reportBody(state.report) : html`<p class="muted">Correct the period to see its figures.</p>`}`,
  });
}
