import { Module } from '@nestjs/common';
import { RestorationModule } from '../aftercare/restoration.module';
import { MisuseModule } from '../misuse/misuse.module';
import { ArticlePageController } from './article-page.controller';
import { BulkActionsService } from './bulk-actions.service';
import { CaseWorkflowService } from './case-workflow.service';
import { CasesBulkController } from './cases-bulk.controller';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { DeskPagesController } from './desk-pages.controller';
import { PublicArticleService } from './public-article.service';
import { TombstoneController } from './tombstone.controller';
import { TombstoneService } from './tombstone.service';

@Module({
  imports: [RestorationModule, MisuseModule],
  controllers: [CasesController, CasesBulkController, TombstoneController, ArticlePageController, DeskPagesController],
  providers: [CasesService, CaseWorkflowService, BulkActionsService, TombstoneService, PublicArticleService],
  exports: [CasesService, CaseWorkflowService, TombstoneService],
})
export class CasesModule {}
