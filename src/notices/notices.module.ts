import { Module } from '@nestjs/common';
import { NoticesController } from './notices.controller';
import { NoticesService } from './notices.service';
import { TrackingController } from './tracking.controller';
import { TrackingService } from './tracking.service';
import { NoticeFormController } from './notice-form.controller';
import { TrackingPageController } from './tracking-page.controller';
import { FormTokens } from './form-token';

@Module({
  controllers: [NoticesController, TrackingController, NoticeFormController, TrackingPageController],
  providers: [NoticesService, TrackingService, FormTokens],
  exports: [NoticesService, TrackingService],
})
export class NoticesModule {}
