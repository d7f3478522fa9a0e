import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { html } from '../common/html';
import { NOTICE_TYPES } from '../notices/completeness';
import { NOTICE_TYPE_INFO } from '../notices/notice-types';
import { page, publisherName } from './layout';

@ApiExcludeController()
@Controller()
export class HomeController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  home(): string {
    return page({
      title: 'Report content',
      body: html`<h1>Report an article that violates your rights</h1>
<p class="lead">If an article on ${publisherName()} infringes your copyright or trademark, defames you, or publishes personal data about you that should not be there, tell us here. You get a case reference and a private link to follow your case.</p>
<p><a class="button" href="/notices/new">Start a notice</a></p>
<h2>What you can report</h2>
<ul>
${NOTICE_TYPES.map((type) => html`<li><strong>${NOTICE_TYPE_INFO[type].label}</strong>: ${NOTICE_TYPE_INFO[type].summary}</li>`)}
</ul>
<h2>Already filed?</h2>
<p>Open the private tracking link from your receipt or e-mail to see your case, answer questions, correct your notice or withdraw it. <a href="/track/lost">Lost your link?</a></p>
<p class="muted">Systems that file notices automatically can use the <a href="/api/docs">JSON API</a>.</p>`,
    });
  }
}
