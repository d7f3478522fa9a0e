import { DynamicModule, Module } from '@nestjs/common';
import { AftercareModule } from './aftercare/aftercare.module';
import { ArticlesModule } from './articles/articles.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { CasesModule } from './cases/cases.module';
import { DeskConfig } from './config/desk-config';
import { CoreModule } from './core.module';
import { EventsModule } from './events/events.module';
import { ExportsModule } from './exports/exports.module';
import { NoticesModule } from './notices/notices.module';
import { ReportsModule } from './reports/reports.module';
import { SendersModule } from './senders/senders.module';
import { StaffModule } from './staff/staff.module';
import { WebModule } from './web/web.module';
import { DuplicatesModule } from './duplicates/duplicates.module';
import { MisuseModule } from './misuse/misuse.module';
import { StrikesModule } from './strikes/strikes.module';
import { NotificationsModule } from './notifications/notifications.module';

@Module({})
export class AppModule {
  static forRoot(config: DeskConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, databaseUrl),
        EventsModule.forRoot({ backgroundSealing: config.eventLog.sealIntervalSeconds > 0 }),
        StaffModule,
        ArticlesModule,
        NoticesModule,
        CasesModule,
        AftercareModule,
        AuditModule,
        ReportsModule,
        ExportsModule,
        SendersModule,
        AttachmentsModule,
        WebModule,
        DuplicatesModule,
        MisuseModule,
        StrikesModule,
        NotificationsModule,
      ],
    };
  }
}
