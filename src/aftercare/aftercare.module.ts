import { Module } from '@nestjs/common';
import { NoticesModule } from '../notices/notices.module';
import { NotifierActionsService } from './notifier-actions.service';
import { RespondPageController } from './respond-page.controller';
import { RespondController } from './respond.controller';
import { RespondService } from './respond.service';
import { RestorationJob } from './restoration.job';
import { RestorationModule } from './restoration.module';
import { TrackActionsController } from './track-actions.controller';
import { TrackActionsPageController } from './track-actions-page.controller';

// What follows a decision: the author's response link (counter-notice, appeal), the
// notifier's court action and appeal, and the restoration sweep.
@Module({
  imports: [NoticesModule, RestorationModule],
  controllers: [RespondController, RespondPageController, TrackActionsController, TrackActionsPageController],
  providers: [RespondService, NotifierActionsService, RestorationJob],
})
export class AftercareModule {}
