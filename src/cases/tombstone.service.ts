import { Injectable } from '@nestjs/common';
import { DeskError } from '../common/desk-error';
import { Database } from '../database/database.service';
import { NOTICE_TYPE_INFO } from '../notices/notice-types';

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
}

@Injectable()
export class TombstoneService {
  constructor(private readonly db: Database) {}

  async find(slug: string): Promise<Tombstone> {
    const found = await this.db.repos.cases.findRemoval(slug);
    if (!found) throw DeskError.notFound('There is no removed article at this address.');
    return {
      slug,
      title: found.title,
      state: 'removed',
      caseReference: found.reference,
      noticeType: found.type,
      noticeTypeLabel: NOTICE_TYPE_INFO[found.type].label,
      removedOn: new Date(found.removedAt).toISOString().slice(0, 10),
      publicNote: found.publicNote,
      notifier: found.notifierKind !== 'individual' && found.organization ? found.organization : null,
    };
  }
}
