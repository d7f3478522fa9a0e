import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { checkCompleteness, CompletenessResult } from './completeness';
import { FileNoticeDto } from './dto/file-notice.dto';
import type { ItemMatch } from './notice-item.entity';
import { NoticesService, toDraft } from './notices.service';

export interface ReviewedItem {
  url: string;
  match: ItemMatch;
  // The article the address leads to, when it is ours.
  articleTitle: string | null;
}

export interface NoticeReview {
  completeness: CompletenessResult;
  items: ReviewedItem[];
}

// The review step before filing: what the completeness check would report and what each
// URL matches, from the same rules as the filing itself. Nothing is written.
@Injectable()
export class NoticeReviewService {
  constructor(
    private readonly db: Database,
    private readonly notices: NoticesService,
  ) {}

  async review(dto: FileNoticeDto): Promise<NoticeReview> {
    const matched = await this.notices.matchItems(dto);
    const ids = [...new Set(matched.map((item) => item.articleId).filter((id): id is string => !!id))];
    const titles = new Map((ids.length ? await this.db.repos.articles.findByIds(ids) : []).map((article) => [article.id, article.title]));
    return {
      completeness: checkCompleteness(toDraft(dto)),
      items: matched.map((item) => ({ url: item.url, match: item.match, articleTitle: item.articleId ? (titles.get(item.articleId) ?? null) : null })),
    };
  }
}
