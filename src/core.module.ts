import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HealthController } from './common/health.controller';
import { DeskConfig } from './config/desk-config';
import { dataSourceOptions } from './database/data-source-options';
import { Database } from './database/database.service';
import { MailerService } from './messages/mailer.service';
import { BACKGROUND_DELIVERY, MessageDelivery } from './messages/message-delivery';
import { OutboxWriter } from './messages/outbox-writer';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';

// What every feature module uses: the settings, the database, mail and rate limits.
@Global()
@Module({})
export class CoreModule {
  // backgroundDelivery: false for the CLI (the desk's instances deliver the outbox).
  static forRoot(config: DeskConfig, databaseUrl: string, { backgroundDelivery = true } = {}): DynamicModule {
    return {
      module: CoreModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), migrationsRun: false })],
      controllers: [HealthController],
      providers: [
        { provide: DeskConfig, useValue: config },
        { provide: BACKGROUND_DELIVERY, useValue: backgroundDelivery },
        Database,
        MailerService,
        MessageDelivery,
        OutboxWriter,
        RateLimitGuard,
      ],
      exports: [DeskConfig, Database, MailerService, MessageDelivery, OutboxWriter, RateLimitGuard],
    };
  }
}
