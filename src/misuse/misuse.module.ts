import { Module } from '@nestjs/common';
import { NoticesModule } from '../notices/notices.module';
import { MisuseController, SuspensionAppealController } from './misuse.controller';
import { MisusePagesController } from './misuse-pages.controller';
import { MisuseService } from './misuse.service';
import { SuspensionAppealPageController } from './suspension-appeal-page.controller';

// Misuse of the notice procedure (DSA Art. 23): marks go through the workflow (mark_unfounded);
// proposals, legal's decisions and appeals are here.
@Module({
  imports: [NoticesModule],
  controllers: [MisuseController, SuspensionAppealController, MisusePagesController, SuspensionAppealPageController],
  providers: [MisuseService],
  exports: [MisuseService],
})
export class MisuseModule {}
