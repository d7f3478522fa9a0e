import { ArticleAlias } from '../articles/article-alias.entity';
import { Article } from '../articles/article.entity';
import { Case } from '../cases/case.entity';
import { AppSecret } from '../common/app-secret.entity';
import { DeskEvent } from '../events/event.entity';
import { Message } from '../messages/message.entity';
import { NoticeItem } from '../notices/notice-item.entity';
import { Notice } from '../notices/notice.entity';
import { Notifier } from '../notices/notifier.entity';
import { SubmissionKey } from '../notices/submission-key.entity';
import { RateLimitWindow } from '../rate-limit/rate-limit-window.entity';

export const ENTITIES = [
  Article,
  ArticleAlias,
  Notifier,
  Notice,
  NoticeItem,
  Case,
  DeskEvent,
  Message,
  SubmissionKey,
  RateLimitWindow,
  AppSecret,
];
