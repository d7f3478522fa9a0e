import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { Database, Repositories } from '../database/database.service';
import type { Actor } from '../events/event.repository';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/user.dto';
import { requireStrongPassword } from './password-strength';
import { hashPassword } from './passwords';
import { requireAccess } from './policy';
import type { StaffActor } from './staff-actor';
import { StaffErrors } from './staff-errors';
import { User } from './user.entity';

// Where a change came from, for its event; the console and the first start have no request.
type EventContext = { requestId: string | null; network: string | null };
const NO_REQUEST: EventContext = { requestId: null, network: null };

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    deactivatedAt: user.deactivatedAt,
    mustChangePassword: user.mustChangePassword,
  };
}

export type UserAction = 'user.role_changed' | 'user.deactivated' | 'user.reactivated';

function staffEventActor(actor: StaffActor): Actor {
  return { type: 'staff', id: actor.id, role: actor.role };
}

@Injectable()
export class UsersService {
  constructor(private readonly db: Database) {}

  async list(actor: StaffActor): Promise<User[]> {
    requireAccess(actor, 'users.manage');
    return this.db.repos.users.findAllForAdmin();
  }

  async create(actor: StaffActor, dto: CreateUserDto, meta: RequestMeta): Promise<User> {
    requireAccess(actor, 'users.manage');
    return this.insertUser(dto, staffEventActor(actor), meta);
  }

  // `npm run desk -- users:create`: the operator at the console is trusted; the input is
  // checked with the same rules as the API's.
  async createFromConsole(input: Record<string, unknown>): Promise<User> {
    const { value, errors } = await validateAs(CreateUserDto, input);
    if (errors.length) throw DeskError.validation(errors);
    return this.insertUser(value, { type: 'system', id: 'cli', role: 'operator' }, NO_REQUEST);
  }

  // On the very first start nobody can sign in: make an admin with a random password that
  // main.ts prints once, to be changed at the first sign-in (a console keeps what it
  // printed). Several instances starting together create one admin.
  async createFirstAdminIfNone(email: string): Promise<{ email: string; password: string } | null> {
    if ((await this.db.repos.users.countAll()) > 0) return null;
    const password = randomBytes(18).toString('base64url');
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (tx) => {
      await tx.users.lockForBootstrap();
      if ((await tx.users.countAll()) > 0) return null;
      const user = await tx.users.insert({ email: email.toLowerCase(), name: 'Administrator', role: 'admin', passwordHash, mustChangePassword: true });
      await this.appendCreated(tx, user, { type: 'system', id: 'first-start', role: null }, NO_REQUEST);
      return { email: user.email, password };
    });
  }

  // Returns the user and the changes made (as event actions): none when nothing differed.
  async update(actor: StaffActor, id: string, dto: UpdateUserDto, meta: RequestMeta): Promise<{ user: User; actions: UserAction[] }> {
    requireAccess(actor, 'users.manage');
    return this.db.transaction(async (tx) => {
      // Admins first, then the user: the same lock order as any other update here.
      const activeAdmins = await tx.users.lockActiveAdminIds();
      const user = isUUID(id) ? await tx.users.lockById(id) : null;
      if (!user) throw DeskError.notFound('There is no such user.');
      const roleChanges = dto.role !== undefined && dto.role !== user.role;
      const activeChanges = dto.active !== undefined && dto.active !== user.active;
      const stopsBeingAdmin = user.role === 'admin' && user.active && ((roleChanges && dto.role !== 'admin') || (activeChanges && dto.active === false));
      if (stopsBeingAdmin && activeAdmins.filter((adminId) => adminId !== user.id).length === 0) throw StaffErrors.lastAdmin();

      const now = new Date();
      const actions: UserAction[] = [];
      const base = {
        actor: staffEventActor(actor),
        subject: { type: 'user', id: user.id },
        visibility: 'internal' as const,
        requestId: meta.requestId,
        clientNetwork: meta.network,
      };
      if (roleChanges) {
        await tx.users.update(user.id, { role: dto.role });
        await tx.events.append({ ...base, action: 'user.role_changed', changes: { role: { before: user.role, after: dto.role } } });
        actions.push('user.role_changed');
      }
      if (activeChanges) {
        await tx.users.update(user.id, { active: dto.active, deactivatedAt: dto.active ? null : now });
        // The guard checks `active` on every request too; revoking makes the end final:
        // reactivation revives no session and no API token.
        const sessionsRevoked = dto.active ? 0 : await tx.sessions.revokeAllForUser(user.id, now);
        const tokensRevoked = dto.active ? 0 : await tx.apiTokens.revokeAllOfUser(user.id, now);
        await tx.events.append({
          ...base,
          action: dto.active ? 'user.reactivated' : 'user.deactivated',
          changes: { active: { before: user.active, after: dto.active } },
          data: dto.active ? {} : { sessionsRevoked, tokensRevoked },
        });
        actions.push(dto.active ? 'user.reactivated' : 'user.deactivated');
      }
      return { user: (await tx.users.findById(user.id))!, actions };
    });
  }

  private async insertUser(dto: CreateUserDto, eventActor: Actor, meta: EventContext): Promise<User> {
    requireStrongPassword(dto.password, dto, 'password');
    const passwordHash = await hashPassword(dto.password);
    try {
      return await this.db.transaction(async (tx) => {
        if (await tx.users.findByEmail(dto.email)) throw StaffErrors.emailTaken();
        const user = await tx.users.insert({ email: dto.email, name: dto.name, role: dto.role, passwordHash });
        await this.appendCreated(tx, user, eventActor, meta);
        return user;
      });
    } catch (error) {
      // Two creations of the same address at once: the unique index decides.
      if ((error as { code?: string }).code === '23505') throw StaffErrors.emailTaken();
      throw error;
    }
  }

  private appendCreated(tx: Repositories, user: User, actor: Actor, meta: EventContext): Promise<void> {
    return tx.events.append({
      actor,
      action: 'user.created',
      subject: { type: 'user', id: user.id },
      changes: { role: { before: null, after: user.role }, email: { before: null, after: user.email } },
      data: { name: user.name },
      visibility: 'internal',
      requestId: meta.requestId,
      clientNetwork: meta.network,
    });
  }
}
