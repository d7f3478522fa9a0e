import { Appeal } from '../aftercare/appeal.entity';
import { CounterNotice } from '../aftercare/counter-notice.entity';
import { CourtAction } from '../aftercare/court-action.entity';
import { RestrictionEnd } from '../aftercare/restriction-end.entity';
import { RespondLink } from '../aftercare/respond-link.entity';
import { ArticleAlias } from '../articles/article-alias.entity';
import { Attachment } from '../attachments/attachment.entity';
import { ArticleRemedy } from '../articles/article-remedy.entity';
import { Article } from '../articles/article.entity';
import { CaseNote } from '../cases/case-note.entity';
import { Case } from '../cases/case.entity';
import { DecisionApproval } from '../cases/decision-approval.entity';
import { DecisionItem } from '../cases/decision-item.entity';
import { Decision } from '../cases/decision.entity';
import { InfoRequest } from '../cases/info-request.entity';
import { AppSecret } from '../common/app-secret.entity';
import { DsaSubmission } from '../exports/dsa-submission.entity';
import { EventSeal } from '../events/event-seal.entity';
import { DeskEvent } from '../events/event.entity';
import { SealEntry } from '../events/seal-entry.entity';
import { MessageQuota } from '../messages/message-quota.entity';
import { Message } from '../messages/message.entity';
import { NoticeItem } from '../notices/notice-item.entity';
import { NoticeRevision } from '../notices/notice-revision.entity';
import { Notice } from '../notices/notice.entity';
import { Notifier } from '../notices/notifier.entity';
import { SubmissionKey } from '../notices/submission-key.entity';
import { RateLimitWindow } from '../rate-limit/rate-limit-window.entity';
import { SenderKey } from '../senders/sender-key.entity';
import { SenderOrganisation } from '../senders/sender-organisation.entity';
import { ApiToken } from '../staff/api-token.entity';
import { LoginNetwork } from '../staff/login-network.entity';
import { LoginThrottle } from '../staff/login-throttle.entity';
import { PasswordReset } from '../staff/password-reset.entity';
import { Session } from '../staff/session.entity';
import { User } from '../staff/user.entity';
import { MisuseMark } from '../misuse/misuse-mark.entity';
import { Suspension } from '../misuse/suspension.entity';
import { AccountReview } from '../strikes/account-review.entity';
import { Strike } from '../strikes/strike.entity';
import { Notification } from '../notifications/notification.entity';
import { BulkRun } from '../cases/bulk-run.entity';

export const ENTITIES = [
  Article,
  ArticleAlias,
  ArticleRemedy,
  Notifier,
  Notice,
  NoticeItem,
  NoticeRevision,
  Case,
  CaseNote,
  InfoRequest,
  Decision,
  DecisionItem,
  DecisionApproval,
  RespondLink,
  CounterNotice,
  CourtAction,
  RestrictionEnd,
  Appeal,
  DeskEvent,
  EventSeal,
  SealEntry,
  Message,
  MessageQuota,
  SubmissionKey,
  RateLimitWindow,
  AppSecret,
  User,
  Session,
  ApiToken,
  LoginThrottle,
  PasswordReset,
  LoginNetwork,
  DsaSubmission,
  SenderOrganisation,
  SenderKey,
  MisuseMark,
  Suspension,
  Strike,
  AccountReview,
  Attachment,
  Notification,
  BulkRun,
];
