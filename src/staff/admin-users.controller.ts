import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DeskError, FieldError } from '../common/desk-error';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import type { StaffActor } from './staff-actor';
import { Csrf, CurrentStaff, StaffOnly } from './staff.decorators';
import { adminUsersPage } from './staff-pages';
import { sendPage } from '../web/page-parts';
import { UserAction, UsersService } from './users.service';
import { PasswordsService } from './passwords.service';

// /admin/users: the same as the users API, for people. The service checks the role.
@ApiExcludeController()
@Controller('admin/users')
@StaffOnly('users.manage')
export class AdminUsersController {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordsService,
  ) {}

  @Get()
  async show(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Query('done') done: unknown, @Res() reply: FastifyReply): Promise<void> {
    const users = await this.users.list(actor);
    sendPage(reply, 200, adminUsersPage({ actor, csrfToken, users, done: typeof done === 'string' ? done : undefined }));
  }

  @Post()
  async create(
    @CurrentStaff() actor: StaffActor,
    @Csrf() csrfToken: string,
    @Body() body: Record<string, unknown>,
    @Meta() meta: RequestMeta,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = { email: text(body.email), name: text(body.name), role: text(body.role), password: text(body.password) };
    const { value, errors } = await validateAs(CreateUserDto, values);
    const again = async (status: number, fieldErrors: FieldError[]) =>
      sendPage(reply, status, adminUsersPage({ actor, csrfToken, users: await this.users.list(actor), values: { ...values, password: undefined }, errors: fieldErrors }));
    if (errors.length) return again(422, errors);
    try {
      await this.users.create(actor, value, meta);
    } catch (error) {
      if (error instanceof DeskError && error.code === 'email_taken') return again(409, [{ field: 'email', message: error.detail }]);
      if (error instanceof DeskError && error.status === 422) return again(422, error.errors);
      throw error;
    }
    reply.status(303).header('location', '/admin/users?done=created').send();
  }

  // Answers with the page itself (no redirect): the link must not travel in a URL.
  @Post(':id/password-reset')
  async resetPassword(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Param('id') id: string, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    try {
      const { user, url, expiresAt } = await this.passwords.issueReset(actor, id, meta);
      sendPage(reply, 201, adminUsersPage({ actor, csrfToken, users: await this.users.list(actor), reset: { name: user.name, email: user.email, url, expiresAt } }));
    } catch (error) {
      if (!(error instanceof DeskError) || error.code !== 'user_inactive') throw error;
      sendPage(reply, 409, adminUsersPage({ actor, csrfToken, users: await this.users.list(actor), errors: [{ field: 'row', message: error.detail }] }));
    }
  }

  // One route for both row forms (role, activation), like PATCH /api/v1/users/:id.
  @Post(':id')
  async update(
    @CurrentStaff() actor: StaffActor,
    @Csrf() csrfToken: string,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Meta() meta: RequestMeta,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const input = {
      ...(body.role !== undefined ? { role: body.role } : {}),
      ...(body.active !== undefined ? { active: body.active === 'true' ? true : body.active === 'false' ? false : body.active } : {}),
    };
    const again = async (status: number, fieldErrors: FieldError[]) =>
      sendPage(reply, status, adminUsersPage({ actor, csrfToken, users: await this.users.list(actor), errors: fieldErrors }));
    const { value, errors } = await validateAs(UpdateUserDto, input);
    if (errors.length)
      return again(
        422,
        errors.map((error) => ({ field: 'row', message: `${error.field}: ${error.message}` })),
      );
    let actions: UserAction[];
    try {
      ({ actions } = await this.users.update(actor, id, value, meta));
    } catch (error) {
      if (error instanceof DeskError && error.code === 'last_admin') return again(409, [{ field: 'row', message: error.detail }]);
      throw error;
    }
    // The message names the last change made (a form changes one thing at a time).
    const done = actions.length ? actions[actions.length - 1].slice('user.'.length) : 'unchanged';
    reply.status(303).header('location', `/admin/users?done=${done}`).send();
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
