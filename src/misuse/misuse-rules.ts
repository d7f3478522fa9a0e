import type { Suspension, SuspensionState } from './suspension.entity';

const DAY_MS = 86_400_000;

// The start of the period in which manifestly unfounded notices are counted.
export function periodStart(now: Date, periodDays: number): Date {
  return new Date(now.getTime() - periodDays * DAY_MS);
}

// The desk proposes a suspension when the count within the period reaches the threshold and
// nothing is already proposed or running for that sender.
export function shouldPropose(marksInPeriod: number, threshold: number, openSuspension: boolean): boolean {
  return !openSuspension && marksInPeriod >= threshold;
}

export function suspensionEnd(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

// What a suspension is now: an active one whose time ran out has ended.
export function currentState(state: SuspensionState, endsAt: Date | null, now: Date): SuspensionState {
  return state === 'active' && endsAt && endsAt <= now ? 'ended' : state;
}

// Before the end date on the misuse page: a running suspension's end ahead, another's past.
export const SUSPENSION_END_WORDS: Record<SuspensionState, string> = {
  proposed: 'Was to end on',
  active: 'Suspended until',
  declined: 'Was to end on',
  lifted: 'Was to end on',
  ended: 'Ended on',
};

export const SUSPENSION_STATE_NAMES: Record<SuspensionState, string> = {
  proposed: 'Proposed: waiting for legal',
  active: 'Suspended',
  declined: 'Declined by legal',
  lifted: 'Lifted on appeal',
  ended: 'Ended',
};

// A suspension as staff read it: its state as of `now`, its appeal, its case's reference.
export function describeSuspension(s: Suspension, reference: string | null, now: Date) {
  return {
    id: s.id,
    notifierEmail: s.notifierEmail,
    organization: s.organization,
    senderOrganisationId: s.senderOrganisationId,
    state: currentState(s.state, s.endsAt, now),
    caseReference: reference,
    markCount: s.markCount,
    days: s.days,
    reasons: s.reasons,
    decidedAt: s.decidedAt,
    endsAt: s.endsAt,
    appeal: s.appealedAt ? { grounds: s.appealGrounds, appealedAt: s.appealedAt, outcome: s.appealOutcome, answer: s.appealAnswer } : null,
    proposedAt: s.createdAt,
  };
}
