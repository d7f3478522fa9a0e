import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { html } from '../common/html';
import { ProblemDto } from '../common/problem.dto';
import { page, publisherName } from '../web/layout';
import { TombstoneService } from './tombstone.service';

// Where a removed article was: says it was removed after a legal notice, naming the case
// and the notice type, never the personal data of an individual notifier.
@ApiTags('public')
@Controller('removed')
export class TombstoneController {
  constructor(private readonly tombstones: TombstoneService) {}

  @Get(':slug')
  @ApiOperation({ summary: 'Tombstone of a removed article (HTML, or JSON with Accept: application/json)' })
  @ApiProduces('text/html', 'application/json')
  @ApiResponse({ status: 404, type: ProblemDto, description: 'No removed article with this slug.' })
  async show(@Param('slug') slug: string, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const tombstone = await this.tombstones.find(slug);
    reply.header('vary', 'Accept');
    if ((accept ?? '').includes('application/json') && !(accept ?? '').includes('text/html')) return tombstone;
    reply.type('text/html; charset=utf-8');
    return page({
      title: `Removed: ${tombstone.title}`,
      body: html`<article class="tombstone">
<p class="muted">${publisherName()}</p>
<h1>${tombstone.title}</h1>
<p class="lead">This article was removed on ${tombstone.removedOn} after a ${tombstone.noticeTypeLabel.toLowerCase()} notice.</p>
<dl class="facts">
  <dt>Case</dt><dd>${tombstone.caseReference}</dd>
  <dt>Notice type</dt><dd>${tombstone.noticeTypeLabel}</dd>
  <dt>Removed on</dt><dd>${tombstone.removedOn}</dd>
  ${tombstone.notifier ? html`<dt>Notice filed by</dt><dd>${tombstone.notifier}</dd>` : null}
</dl>
${tombstone.publicNote ? html`<h2>Note</h2><p class="public-note">${tombstone.publicNote}</p>` : null}
<h2>What was done</h2>
<ul class="what-was-done">${tombstone.actions.map(
        (action) => html`<li>${action.since}: ${action.label}${action.caseReference === tombstone.caseReference ? null : html` (case ${action.caseReference})`}</li>`,
      )}</ul>
</article>`,
    });
  }
}
