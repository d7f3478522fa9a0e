import { Body, Controller, Get, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AppealDto } from '../aftercare/dto/appeal.dto';
import { DeskError } from '../common/desk-error';
import { ProblemFilter } from '../common/problem.filter';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { formValuesOf } from '../cases/desk-form';
import { RateLimited } from '../rate-limit/rate-limit.guard';
import { sendPage } from '../web/page-parts';
import { MisuseService } from './misuse.service';
import { suspensionAppealPage } from './suspension-appeal-page';

@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@Controller('track/:token/suspension-appeal')
export class SuspensionAppealPageController {
  constructor(private readonly misuse: MisuseService) {}

  @Get()
  @RateLimited('tracking')
  async show(@Param('token') token: string, @Query('done') done: unknown, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, 200, suspensionAppealPage(token, await this.misuse.forNotifier(token), { values: {}, errors: [], done: done === '1' }));
  }

  @Post()
  @RateLimited('tracking')
  async appeal(@Param('token') token: string, @Body() body: unknown, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const values = formValuesOf(body);
    const { value, errors } = await validateAs(AppealDto, { grounds: values.grounds });
    if (errors.length) return sendPage(reply, 422, suspensionAppealPage(token, await this.misuse.forNotifier(token), { values, errors }));
    try {
      await this.misuse.appeal(token, value.grounds, meta);
    } catch (error) {
      if (!(error instanceof DeskError) || error.status !== 409) throw error;
      return sendPage(reply, 409, suspensionAppealPage(token, await this.misuse.forNotifier(token), { values, errors: [], problem: error.detail }));
    }
    reply.status(303).header('location', `/track/${token}/suspension-appeal?done=1`).send();
  }
}
