import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { NoticesModule } from '../notices/notices.module';
import { StaffModule } from '../staff/staff.module';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { DeskEvidenceController } from './desk-evidence.controller';
import { TrackingEvidenceController } from './evidence-pages.controller';

// Evidence and photos (issue 12): uploads from the notifier and staff, stored under
// DESK_DATA_DIR or in S3, served to staff only; the photos a notice is about.
@Module({
  imports: [NoticesModule, StaffModule, CasesModule],
  controllers: [AttachmentsController, TrackingEvidenceController, DeskEvidenceController],
  providers: [AttachmentsService],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
