import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DeskError, FieldError } from '../common/desk-error';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { ChangePasswordDto } from './dto/password.dto';
import { accountPage, confirmationErrors } from './password-pages';
import { PasswordsService } from './passwords.service';
import type { StaffActor } from './staff-actor';
import { Csrf, CurrentStaff, OpenBeforePasswordChange, StaffOnly } from './staff.decorators';
import { sendPage } from '../web/page-parts';

// /account: who I am and changing my password (the same as POST /api/v1/auth/password). The
// first-start admin is sent here until they have chosen a password.
@ApiExcludeController()
@Controller('account')
@StaffOnly()
@OpenBeforePasswordChange()
export class AccountPageController {
  constructor(private readonly passwords: PasswordsService) {}

  @Get()
  show(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Query('done') done: unknown, @Res() reply: FastifyReply): void {
    sendPage(reply, 200, accountPage({ actor, csrfToken, done: done === 'password_changed' }));
  }

  @Post()
  async changePassword(
    @CurrentStaff() actor: StaffActor,
    @Csrf() csrfToken: string,
    @Body() body: Record<string, unknown>,
    @Meta() meta: RequestMeta,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const again = (status: number, errors: FieldError[]) => sendPage(reply, status, accountPage({ actor, csrfToken, errors }));
    const { value, errors } = await validateAs(ChangePasswordDto, { currentPassword: body.currentPassword, newPassword: body.newPassword });
    const mismatch = confirmationErrors(body);
    if (errors.length || mismatch.length) return again(422, [...errors, ...mismatch]);
    try {
      await this.passwords.changeOwn(actor, value, meta);
    } catch (error) {
      if (error instanceof DeskError && error.status === 422) return again(422, error.errors);
      throw error;
    }
    reply.status(303).header('location', '/account?done=password_changed').send();
  }
}
