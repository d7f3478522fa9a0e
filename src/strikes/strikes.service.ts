import { Injectable } from '@nestjs/common';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { DeskConfig } from '../config/desk-config';
import { Database } from '../database/database.service';
import { requireAccess } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { AccountDecisionDto } from './dto/account-decision.dto';

export const CONTRIBUTORS_PAGE_SIZE = 50;

// Repeat infringers (DMCA §512(i)): contributors with strikes, and legal's account decisions.
@Injectable()
export class StrikesService {
  constructor(
    private readonly db: Database,
    private readonly config: DeskConfig,
  ) {}

  async contributors(actor: StaffActor, page: number) {
    requireAccess(actor, 'cases.read');
    const now = new Date();
    const rows = await this.db.repos.strikes.findContributors(now, CONTRIBUTORS_PAGE_SIZE + 1, (page - 1) * CONTRIBUTORS_PAGE_SIZE);
    const shown = rows.slice(0, CONTRIBUTORS_PAGE_SIZE);
    const emails = shown.map((row) => row.authorEmail);
    const [strikes, reviews] = await Promise.all([this.db.repos.strikes.findStrikesOf(emails), this.db.repos.strikes.findReviewsOf(emails)]);
    const names = await this.db.repos.cases.findUserNames(reviews.map((review) => review.decidedBy ?? ''));
    return {
      settings: this.config.strikes,
      page,
      hasMore: rows.length > CONTRIBUTORS_PAGE_SIZE,
      contributors: shown.map((row) => ({
        authorEmail: row.authorEmail,
        activeStrikes: row.activeStrikes,
        allStrikes: row.allStrikes,
        withdrawnStrikes: row.withdrawnStrikes,
        strikes: strikes
          .filter((strike) => strike.authorEmail === row.authorEmail)
          .map((strike) => ({
            caseReference: strike.reference,
            article: { title: strike.articleTitle, slug: strike.articleSlug },
            struckAt: strike.createdAt,
            expiresAt: strike.expiresAt,
            active: !strike.withdrawnAt && new Date(strike.expiresAt) > now,
            withdrawn: strike.withdrawnAt ? { at: strike.withdrawnAt, cause: strike.withdrawnReason } : null,
          })),
        reviews: reviews
          .filter((review) => review.authorEmail === row.authorEmail)
          .map((review) => ({
            id: review.id,
            openedAt: review.createdAt,
            activeStrikes: review.activeStrikes,
            // Strikes it counted that were withdrawn since; the review itself is left as it was.
            withdrawnStrikes: review.withdrawnStrikes,
            outcome: review.outcome,
            reasons: review.reasons,
            decidedBy: review.decidedBy ? { id: review.decidedBy, name: names.get(review.decidedBy) ?? null } : null,
            decidedAt: review.decidedAt,
          })),
      })),
    };
  }

  async decide(actor: StaffActor, id: string, dto: AccountDecisionDto, meta: RequestMeta) {
    requireAccess(actor, 'strikes.decide');
    return this.db.transaction(async (tx) => {
      const review = /^[0-9a-f-]{36}$/i.test(id) ? await tx.strikes.findReviewForUpdate(id) : null;
      if (!review) throw DeskError.notFound('There is no such account review.');
      if (review.outcome) throw DeskError.conflict('already_decided', 'The account decision was already recorded.');
      const decidedAt = new Date();
      await tx.strikes.decideReview(id, { outcome: dto.outcome, reasons: dto.reasons, decidedBy: actor.id, decidedAt });
      await tx.events.append({
        actor: { type: 'staff', id: actor.id, role: actor.role },
        action: 'strike.account_decided',
        subject: { type: 'contributor_review', id },
        data: { authorEmail: review.authorEmail, outcome: dto.outcome, reasons: dto.reasons, activeStrikes: review.activeStrikes },
        visibility: 'internal',
        requestId: meta.requestId,
        clientNetwork: meta.network,
      });
      return { id, authorEmail: review.authorEmail, outcome: dto.outcome, reasons: dto.reasons, decidedAt };
    });
  }
}
