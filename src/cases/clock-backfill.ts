import type { DeskConfig } from '../config/desk-config';
import { DEFAMATION_PROCEDURE_ORIGINS } from '../articles/article-origin';
import type { Database, Repositories } from '../database/database.service';
import type { NoticeType } from '../notices/completeness';
import type { CaseFieldUpdate } from './case.repository';
import { OPEN_STATUSES } from './case-workflow';
import { legalClocksAtFiling } from './sla';

// `npm run desk -- clocks:backfill`: the legal clocks that intake starts (the GDPR answer on
// privacy notices, the defamation contact clock on notices about a contributor's article)
// started on open cases filed before the desk had them, from each case's receipt, exactly
// as intake would have. A clock already running, stopped (author contacted) or extended is
// left alone, so the command can be run again. Each case changed gets an event.

export const CLOCKS_BACKFILL_USAGE = 'clocks:backfill [--dry-run]';

const BATCH = 200;

interface Candidate {
  id: string;
  reference: string;
  version: number;
  received_at: Date;
  type: NoticeType;
  needs_gdpr: boolean;
  needs_defamation: boolean;
}

export interface BackfillReport {
  cases: number;
  gdpr: number;
  defamation: number;
}

export async function backfillLegalClocks(db: Database, config: DeskConfig, { dryRun }: { dryRun: boolean }): Promise<BackfillReport> {
  const report: BackfillReport = { cases: 0, gdpr: 0, defamation: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const candidates = await candidatesAfter(tx, after);
      for (const candidate of candidates) {
        const fields = clocksFor(candidate, config);
        if (dryRun || (await startClocks(tx, candidate, fields))) {
          report.cases += 1;
          if (fields.gdprDueAt) report.gdpr += 1;
          if (fields.defamationContactDueAt) report.defamation += 1;
        }
      }
      return candidates;
    });
    if (batch.length < BATCH) return report;
    after = batch[batch.length - 1].id;
  }
}

function clocksFor(candidate: Candidate, config: DeskConfig): Pick<CaseFieldUpdate, 'gdprDueAt' | 'defamationContactDueAt'> {
  const clocks = legalClocksAtFiling(candidate.type, candidate.received_at, config.sla);
  return {
    ...(candidate.needs_gdpr && clocks.gdprDueAt ? { gdprDueAt: clocks.gdprDueAt } : {}),
    ...(candidate.needs_defamation && clocks.defamationContactDueAt ? { defamationContactDueAt: clocks.defamationContactDueAt } : {}),
  };
}

// Open cases, in id order, whose notice type has a legal clock that is not set. The
// defamation contact clock runs only when the notice names a contributor's article (as at
// intake: DEFAMATION_PROCEDURE_ORIGINS).
async function candidatesAfter(tx: Repositories, after: string): Promise<Candidate[]> {
  return tx.manager.query(
    `SELECT c.id, c.reference, c.version, c.received_at, n.type, needs.gdpr AS needs_gdpr, needs.defamation AS needs_defamation
     FROM cases c
     JOIN notices n ON n.id = c.notice_id
     CROSS JOIN LATERAL (SELECT
         n.type = 'privacy' AND c.gdpr_due_at IS NULL AND c.gdpr_extended_at IS NULL AS gdpr,
         n.type = 'defamation' AND c.defamation_contact_due_at IS NULL AND c.author_contacted_at IS NULL AND c.defamation_answer_due_at IS NULL
           AND EXISTS (SELECT 1 FROM notice_items i JOIN articles a ON a.id = i.article_id WHERE i.notice_id = n.id AND a.origin = ANY($3)) AS defamation) needs
     WHERE c.status = ANY($1) AND c.id > $2 AND n.type IN ('privacy', 'defamation') AND (needs.gdpr OR needs.defamation)
     ORDER BY c.id
     LIMIT ${BATCH}
     FOR UPDATE OF c`,
    [[...OPEN_STATUSES], after, [...DEFAMATION_PROCEDURE_ORIGINS]],
  );
}

// False when the case changed since it was read (another writer won): it is left as it is.
async function startClocks(tx: Repositories, candidate: Candidate, fields: Pick<CaseFieldUpdate, 'gdprDueAt' | 'defamationContactDueAt'>): Promise<boolean> {
  const updated = await tx.cases.updateIfVersion(candidate.id, candidate.version, fields);
  if (!updated) return false;
  const changes = Object.fromEntries(Object.entries(fields).map(([field, at]) => [field, { before: null, after: at }]));
  await tx.events.append({
    actor: { type: 'system', id: 'cli', role: 'operator' },
    action: 'case.legal_clocks_started',
    subject: { type: 'case', id: candidate.id },
    caseId: candidate.id,
    caseReference: candidate.reference,
    changes,
    data: { receivedAt: candidate.received_at.toISOString(), reason: 'Case filed before the desk kept this clock; started from the receipt.' },
    visibility: 'internal',
  });
  return true;
}
