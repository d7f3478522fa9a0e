import { Module } from '@nestjs/common';
import { ArticleCasesController, ArticlePageController } from './article-cases.controller';
import { ArticleCasesService } from './article-cases.service';

// Duplicates and grouping: probable duplicates are found at intake (notices.service.ts) and
// resolved through the workflow; this module serves the staff article page.
@Module({
  controllers: [ArticleCasesController, ArticlePageController],
  providers: [ArticleCasesService],
})
export class DuplicatesModule {}
