import { bearer, completeNotice, decideNoAction, fileAccepted, postJson, removedContribution, StaffMember, withValue } from '../factories';
import type { TestApp } from './test-app';

export const MISUSE_REASON = 'The notifier claims a photograph the agency itself licensed to us; the licence was attached to their own notice.';

// `count` notices from `email`, each rejected (no action) and marked manifestly unfounded by
// `editor`; returns their references and tracking tokens.
export async function markedNotices(t: TestApp, editor: StaffMember, email: string, count: number): Promise<Array<{ reference: string; token: string }>> {
  const filed: Array<{ reference: string; token: string }> = [];
  for (let i = 0; i < count; i++) {
    const notice = withValue(withValue(completeNotice('copyright'), 'notifier.email', email), 'work.description', `Photograph number ${i} of a misuse series`);
    const { body, token } = await fileAccepted(t.baseUrl, notice);
    await markUnfounded(t, editor, body.reference);
    filed.push({ reference: body.reference, token });
  }
  return filed;
}

// Rejects the case (no action) and marks the notice manifestly unfounded, as `editor`.
export async function markUnfounded(t: TestApp, editor: StaffMember, reference: string): Promise<void> {
  const decided = await decideNoAction(t.baseUrl, reference, editor);
  const body = await decided.json();
  if (decided.status !== 200) throw new Error(`${reference}: decision failed: ${decided.status} ${JSON.stringify(body)}`);
  const marked = await postJson(
    t.baseUrl,
    `/api/v1/cases/${reference}/transitions`,
    { action: 'mark_unfounded', version: body.version, reason: MISUSE_REASON },
    bearer(editor.token),
  );
  if (marked.status !== 200) throw new Error(`${reference}: mark failed: ${marked.status} ${await marked.text()}`);
}

export async function suspensionOf(t: TestApp, member: StaffMember, email: string): Promise<any> {
  const listing = await (await fetch(`${t.baseUrl}/api/v1/misuse/suspensions`, { headers: bearer(member.token) })).json();
  return listing.suspensions.find((entry: { notifierEmail: string }) => entry.notifierEmail === email);
}

// A suspension the desk proposed (3 marks), then confirmed by `legal`.
export async function confirmedSuspension(t: TestApp, editor: StaffMember, legal: StaffMember, email: string) {
  const notices = await markedNotices(t, editor, email, 3);
  const proposed = await suspensionOf(t, editor, email);
  const confirmed = await postJson(t.baseUrl, `/api/v1/misuse/suspensions/${proposed.id}/decision`, { decision: 'confirm', reasons: MISUSE_REASON, days: 30 }, bearer(legal.token));
  if (confirmed.status !== 200) throw new Error(`confirm failed: ${confirmed.status} ${await confirmed.text()}`);
  return { id: proposed.id as string, notices };
}

export async function appealedSuspension(t: TestApp, editor: StaffMember, legal: StaffMember, email: string) {
  const confirmed = await confirmedSuspension(t, editor, legal, email);
  const appealed = await postJson(t.baseUrl, `/api/v1/track/${confirmed.notices[0].token}/suspension-appeal`, { grounds: 'Each of those notices concerned a photograph we own.' });
  if (appealed.status !== 200) throw new Error(`appeal failed: ${appealed.status} ${await appealed.text()}`);
  return confirmed;
}

// Three removals of the contributed demo article: its author reaches three strikes.
export async function openAccountReview(t: TestApp, editor: StaffMember): Promise<string> {
  for (let i = 0; i < 3; i++) await removedContribution(t, editor);
  const listing = await (await fetch(`${t.baseUrl}/api/v1/contributors`, { headers: bearer(editor.token) })).json();
  const open = listing.contributors.flatMap((c: { reviews: Array<{ id: string; outcome: string | null }> }) => c.reviews).find((r: { outcome: string | null }) => !r.outcome);
  if (!open) throw new Error('no open review');
  return open.id;
}
