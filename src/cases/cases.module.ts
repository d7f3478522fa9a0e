import { Module } from '@nestjs/common';
import { RestorationModule } from '../aftercare/restoration.module';
import { MisuseModule } from '../misuse/misuse.module';
import { CaseWorkflowService } from './case-workflow.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { DeskPagesController } from './desk-pages.controller';
import { TombstoneController } from './tombstone.controller';
import { TombstoneService } from './tombstone.service';

@Module({
  imports: [RestorationModule, MisuseModule],
  controllers: [CasesController, TombstoneController, DeskPagesController],
  providers: [CasesService, CaseWorkflowService, TombstoneService],
  exports: [CasesService, CaseWorkflowService, TombstoneService],
})
export class CasesModule {}
