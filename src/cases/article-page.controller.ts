import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProblemDto } from '../common/problem.dto';
import { DeskConfig } from '../config/desk-config';
import { articleGonePage, articlePage } from './article-page';
import { PublicArticleService } from './public-article.service';

// An article's public page as readers see it after the desk's decisions: images replaced
// by placeholders, corrections and replies, names replaced, redacted passages left out,
// hidden from search engines (noindex). A removed article answers 410 with a link to its
// tombstone (/removed/<slug>).
@ApiTags('public')
@Controller('articles')
export class ArticlePageController {
  constructor(
    private readonly articles: PublicArticleService,
    private readonly config: DeskConfig,
  ) {}

  @Get(':slug')
  @ApiOperation({
    summary: 'An article’s public page with the remedies in force (HTML, or JSON with Accept: application/json)',
    description:
      'JSON: `{ slug, title, byline, section, publishedAt, canonicalUrl, state, noindex, body, redactions, media: [{ url, caption, credit, removed }], corrections: [{ kind, text, date, caseReference }], replies: [{ by, text, date, caseReference }], actions: [{ action, label, caseReference, noticeTypeLabel, since }] }`. ' +
      'A page hidden from search engines carries `X-Robots-Tag: noindex` and `<meta name="robots" content="noindex">`. A removed article answers 410 (`{ slug, state: "removed", tombstoneUrl }`).',
  })
  @ApiProduces('text/html', 'application/json')
  @ApiResponse({ status: 200, description: 'The article as published.' })
  @ApiResponse({ status: 410, description: 'Removed after a legal notice: see the tombstone.' })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'No article with this slug.' })
  async show(@Param('slug') slug: string, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const article = await this.articles.find(slug);
    const json = (accept ?? '').includes('application/json') && !(accept ?? '').includes('text/html');
    reply.header('vary', 'Accept');
    if (article.noindex) reply.header('x-robots-tag', 'noindex');
    if (article.state === 'removed') {
      reply.status(410);
      if (json) return { slug: article.slug, state: 'removed', tombstoneUrl: `/removed/${article.slug}` };
      reply.type('text/html; charset=utf-8');
      return articleGonePage(article.slug, article.title);
    }
    if (json) return article;
    reply.type('text/html; charset=utf-8');
    return articlePage(article, this.config.publisherName);
  }
}
