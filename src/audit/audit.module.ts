import { Module } from '@nestjs/common';
import { Database } from '../database/database.service';
import { AuditController } from './audit.controller';
import { AuditPagesController } from './audit-pages.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { OutboxPagesController } from './outbox-pages.controller';
import { OutboxService } from './outbox.service';

// The admin's audit log (search, export, verification) and the outbox. Sealing and
// verification themselves live in the global EventsModule.
@Module({
  controllers: [AuditController, AuditPagesController, OutboxPagesController],
  providers: [
    AuditService,
    OutboxService,
    // Reads only, on the pool: no transaction to join.
    { provide: AuditRepository, useFactory: (db: Database) => new AuditRepository(db.repos.manager), inject: [Database] },
  ],
})
export class AuditModule {}
