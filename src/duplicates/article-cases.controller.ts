import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProblemDto } from '../common/problem.dto';
import { ProblemFilter } from '../common/problem.filter';
import type { StaffActor } from '../staff/staff-actor';
import { Csrf, CurrentStaff, StaffOnly } from '../staff/staff.decorators';
import { sendPage } from '../web/page-parts';
import { ArticleCasesService } from './article-cases.service';
import { articlePage } from './article-page';

@ApiTags('articles')
@StaffOnly('articles.read')
@Controller('api/v1/articles')
export class ArticleCasesController {
  constructor(private readonly articles: ArticleCasesService) {}

  @Get(':slug/cases')
  @ApiOperation({ summary: 'Every case and decision about one article (several notices on it, probable duplicates among them)' })
  @ApiResponse({ status: 404, type: ProblemDto })
  cases(@CurrentStaff() actor: StaffActor, @Param('slug') slug: string) {
    return this.articles.forArticle(actor, slug);
  }
}

@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@StaffOnly('articles.read')
@Controller('desk/articles')
export class ArticlePageController {
  constructor(private readonly articles: ArticleCasesService) {}

  @Get(':slug')
  async show(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Param('slug') slug: string, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, 200, articlePage(actor, csrfToken, await this.articles.forArticle(actor, slug)));
  }
}
