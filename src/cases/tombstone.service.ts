import { Injectable } from '@nestjs/common';
import { DeskError } from '../common/desk-error';
import { Database } from '../database/database.service';
import { NOTICE_TYPE_INFO } from '../notices/notice-types';
import { ITEM_ACTION_DONE } from './item-action-labels';
import { publicView } from './public-article.service';

export interface Tombstone {
  slug: string;
  title: string;
  state: 'removed';
  caseReference: string;
  noticeType: string;
  noticeTypeLabel: string;
  removedOn: string;
  publicNote: string | null;
  // Only an organisation is named, never an individual (LEGAL.md "Public").
  notifier: string | null;
  // What was done, in plain words: the removal, and any remedy still in force (a
  // correction published before, a name replaced: the title shown is the replaced one).
  actions: Array<{ label: string; caseReference: string; since: string }>;
}

@Injectable()
export class TombstoneService {
  constructor(private readonly db: Database) {}

  async find(slug: string): Promise<Tombstone> {
    const found = await this.db.repos.cases.findRemoval(slug);
    if (!found) throw DeskError.notFound('There is no removed article at this address.');
    const article = await this.db.repos.articles.findBySlug(slug);
    const view = article ? publicView(article, await this.db.repos.remedies.findInForce(article.id)) : null;
    const removedOn = new Date(found.removedAt).toISOString().slice(0, 10);
    return {
      slug,
      title: view?.title ?? found.title,
      state: 'removed',
      caseReference: found.reference,
      noticeType: found.type,
      noticeTypeLabel: NOTICE_TYPE_INFO[found.type].label,
      removedOn,
      publicNote: found.publicNote,
      notifier: found.notifierKind !== 'individual' && found.organization ? found.organization : null,
      actions: [
        { label: ITEM_ACTION_DONE.remove, caseReference: found.reference, since: removedOn },
        ...(view?.actions ?? []).map((action) => ({ label: action.label, caseReference: action.caseReference, since: action.since })),
      ],
    };
  }
}
