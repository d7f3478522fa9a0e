import { Module } from '@nestjs/common';
import { NoticesController } from './notices.controller';
import { NoticesService } from './notices.service';
import { TrackingController } from './tracking.controller';
import { TrackingService } from './tracking.service';
import { NoticeFormController } from './notice-form.controller';
import { TrackingPageController } from './tracking-page.controller';
import { FormTokens } from './form-token';
import { NoticeCorrectionController } from './notice-correction.controller';
import { NoticeCorrectionService } from './notice-correction.service';
import { LostLinkController } from './lost-link.controller';
import { LostLinkService } from './lost-link.service';
import { NoticeReviewService } from './notice-review.service';
import { CorrectionPageController } from './correction-page.controller';

@Module({
  controllers: [NoticesController, TrackingController, NoticeFormController, TrackingPageController, NoticeCorrectionController, LostLinkController, CorrectionPageController],
  providers: [NoticesService, TrackingService, FormTokens, NoticeCorrectionService, LostLinkService, NoticeReviewService],
  exports: [NoticesService, TrackingService],
})
export class NoticesModule {}
