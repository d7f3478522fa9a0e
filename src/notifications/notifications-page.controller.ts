import { Body, Controller, Get, Headers, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DeskError } from '../common/desk-error';
import { ProblemFilter } from '../common/problem.filter';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import type { StaffActor } from '../staff/staff-actor';
import { Csrf, CurrentStaff, StaffOnly } from '../staff/staff.decorators';
import { sendPage } from '../web/page-parts';
import { NOTIFICATION_ID, NotificationQueryDto } from './dto/notification.dto';
import { notificationsPage } from './notifications-page';
import { NotificationsService } from './notifications.service';

// Where "back" may lead after marking one read: this page, with its own query only.
const BACK = /^\/desk\/notifications(\?(unread=true)?(&?page=[1-9][0-9]{0,5})?)?$/;

// /desk/notifications: the signed-in person's notifications, as a page and url-encoded
// forms (the same as /api/v1/notifications), no script needed.
@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@StaffOnly('notifications.own')
@Controller('desk/notifications')
export class NotificationsPageController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  async show(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    const { done, ...rest } = query ?? {};
    const { value, errors } = await validateAs(NotificationQueryDto, rest);
    // A hand-edited address shows the first page rather than an error.
    const filters = errors.length ? {} : value;
    const result = await this.notifications.list(actor, filters);
    const emailOn = await this.notifications.emailPreference(actor);
    sendPage(
      reply,
      200,
      notificationsPage({ actor: { ...actor, unreadNotifications: result.unread }, csrfToken, result, unreadOnly: filters.unread === 'true', emailOn, done: done as string }),
    );
  }

  // Following a notification: marked read, then its case. Only a request from the desk's own
  // pages (or typed in) marks it; a link from another site just leads to the case.
  @Get(':id')
  async open(
    @CurrentStaff() actor: StaffActor,
    @Param('id') id: string,
    @Headers('sec-fetch-site') site: string | undefined,
    @Meta() meta: RequestMeta,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const reference = await this.notifications.follow(actor, id, meta, site === undefined || site === 'same-origin' || site === 'none');
    reply
      .status(303)
      .header('location', `/desk/cases/${encodeURIComponent(reference)}`)
      .send();
  }

  @Post('read')
  async markRead(@CurrentStaff() actor: StaffActor, @Body() body: Record<string, unknown>, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const all = body.all === 'true';
    const id = typeof body.id === 'string' ? body.id : '';
    if (!all && !NOTIFICATION_ID.test(id)) throw DeskError.validation([{ field: 'id', message: 'Choose a notification to mark read.' }]);
    await this.notifications.markRead(actor, all ? { all: true } : { ids: [id] }, meta);
    const back = typeof body.back === 'string' && BACK.test(body.back) ? body.back : '/desk/notifications';
    reply
      .status(303)
      .header('location', `${back}${back.includes('?') ? '&' : '?'}done=${all ? 'all_read' : 'read'}`)
      .send();
  }

  @Post('email')
  async email(
    @CurrentStaff() actor: StaffActor,
    @Csrf() csrfToken: string,
    @Body() body: Record<string, unknown>,
    @Meta() meta: RequestMeta,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (body.email !== 'on' && body.email !== 'off') {
      const result = await this.notifications.list(actor, {});
      const emailOn = await this.notifications.emailPreference(actor);
      const errors = [{ field: 'email', message: 'Choose whether to receive e-mails.' }];
      return sendPage(reply, 422, notificationsPage({ actor, csrfToken, result, unreadOnly: false, emailOn, errors, emailValue: '' }));
    }
    await this.notifications.setEmailPreference(actor, body.email === 'on', meta);
    reply.status(303).header('location', `/desk/notifications?done=email_${body.email}`).send();
  }
}
