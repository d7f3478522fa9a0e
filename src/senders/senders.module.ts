import { Module } from '@nestjs/common';
import { NoticesModule } from '../notices/notices.module';
import { NoticesBatchController } from './notices-batch.controller';
import { SendersController } from './senders.controller';
import { SendersPageController } from './senders-page.controller';
import { SendersService } from './senders.service';

@Module({
  imports: [NoticesModule],
  controllers: [SendersController, SendersPageController, NoticesBatchController],
  providers: [SendersService],
  exports: [SendersService],
})
export class SendersModule {}
