import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DeskError, FieldError } from '../common/desk-error';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { SetPasswordDto } from './dto/password.dto';
import { confirmationErrors, setPasswordLinkInvalidPage, setPasswordPage } from './password-pages';
import { PasswordsService } from './passwords.service';
import { sendPage } from '../web/page-parts';
import { User } from './user.entity';

// /set-password/<token>: the one-time link of an admin's reset. The secret in the path is
// what authorises the form (another site cannot know it), so it needs no CSRF token.
@ApiExcludeController()
@Controller('set-password')
export class SetPasswordPageController {
  constructor(private readonly passwords: PasswordsService) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const user = await this.passwords.findResetUser(token);
    if (!user) return sendPage(reply, 404, setPasswordLinkInvalidPage());
    sendPage(reply, 200, setPasswordPage({ user, action: `/set-password/${token}` }));
  }

  @Post(':token')
  async set(@Param('token') token: string, @Body() body: Record<string, unknown>, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const user = await this.passwords.findResetUser(token);
    if (!user) return sendPage(reply, 404, setPasswordLinkInvalidPage());
    const again = (errors: FieldError[], who: User = user) => sendPage(reply, 422, setPasswordPage({ user: who, action: `/set-password/${token}`, errors }));
    const { value, errors } = await validateAs(SetPasswordDto, { newPassword: body.newPassword });
    const mismatch = confirmationErrors(body);
    if (errors.length || mismatch.length) return again([...errors, ...mismatch]);
    try {
      await this.passwords.useReset(token, value.newPassword, meta);
    } catch (error) {
      if (error instanceof DeskError && error.status === 422) return again(error.errors);
      if (error instanceof DeskError && error.code === 'set_password_link_invalid') return sendPage(reply, 404, setPasswordLinkInvalidPage());
      throw error;
    }
    reply.status(303).header('location', '/login?password_set=1').send();
  }
}
