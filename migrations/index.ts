import { Initial1764300000000 } from './1764300000000-Initial';
import { Staff1764400000000 } from './1764400000000-Staff';
import { Desk1764500000000 } from './1764500000000-Desk';
import { EventSeals1764600000000 } from './1764600000000-EventSeals';
import { QueueIndexes1764700000000 } from './1764700000000-QueueIndexes';
import { NotifierFilingCount1764710000000 } from './1764710000000-NotifierFilingCount';
import { DeriveNotifierCount1764720000000 } from './1764720000000-DeriveNotifierCount';
import { AuditIndexes1764750000000 } from './1764750000000-AuditIndexes';
import { EventClock1764760000000 } from './1764760000000-EventClock';
import { StaffSecurity1765100000000 } from './1765100000000-StaffSecurity';
import { ScopedSubmissionKeys1765200000000 } from './1765200000000-ScopedSubmissionKeys';
import { ApprovalComment1765300000000 } from './1765300000000-ApprovalComment';
import { Outbox1765400000000 } from './1765400000000-Outbox';
import { ArticleOrigin1765500000000 } from './1765500000000-ArticleOrigin';
import { Aftercare1765510000000 } from './1765510000000-Aftercare';
import { LapseDue1765600000000 } from './1765600000000-LapseDue';
import { RestrictionEnds1765610000000 } from './1765610000000-RestrictionEnds';
import { Reports1765730000000 } from './1765730000000-Reports';
import { Senders1765710000000 } from './1765710000000-Senders';
import { CaseClocks1765700000000 } from './1765700000000-CaseClocks';
import { DuplicatesMisuseStrikes1765720000000 } from './1765720000000-DuplicatesMisuseStrikes';
import { StrikeWithdrawal1765820000000 } from './1765820000000-StrikeWithdrawal';
import { BulkRuns1765830000000 } from './1765830000000-BulkRuns';
import { Attachments1765740000000 } from './1765740000000-Attachments';
import { NoticeRevisions1765750000000 } from './1765750000000-NoticeRevisions';
import { Remedies1765760000000 } from './1765760000000-Remedies';
import { Notifications1765800000000 } from './1765800000000-Notifications';
import { ReportCoveringIndexes1765731000000 } from './1765731000000-ReportCoveringIndexes';
import { SenderChanges1765810000000 } from './1765810000000-SenderChanges';

// Every migration, in order. Listed explicitly so that the app, the CLI and the tests
// load the same set without file globbing.
export const MIGRATIONS = [
  Initial1764300000000,
  Staff1764400000000,
  Desk1764500000000,
  EventSeals1764600000000,
  QueueIndexes1764700000000,
  NotifierFilingCount1764710000000,
  DeriveNotifierCount1764720000000,
  AuditIndexes1764750000000,
  EventClock1764760000000,
  StaffSecurity1765100000000,
  ScopedSubmissionKeys1765200000000,
  ApprovalComment1765300000000,
  Outbox1765400000000,
  ArticleOrigin1765500000000,
  Aftercare1765510000000,
  LapseDue1765600000000,
  RestrictionEnds1765610000000,
  Reports1765730000000,
  Senders1765710000000,
  CaseClocks1765700000000,
  DuplicatesMisuseStrikes1765720000000,
  Attachments1765740000000,
  NoticeRevisions1765750000000,
  Remedies1765760000000,
  ReportCoveringIndexes1765731000000,
  Notifications1765800000000,
  SenderChanges1765810000000,
  StrikeWithdrawal1765820000000,
  BulkRuns1765830000000,
];
