import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/user.dto';
import type { StaffActor } from './staff-actor';
import { CurrentStaff, StaffOnly } from './staff.decorators';
import { toUserDto, UsersService } from './users.service';

@ApiTags('users')
@Controller('api/v1/users')
@StaffOnly('users.manage')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List staff (admins only)' })
  @ApiResponse({ status: 200, type: [UserDto] })
  async list(@CurrentStaff() actor: StaffActor): Promise<UserDto[]> {
    return (await this.users.list(actor)).map(toUserDto);
  }

  @Post()
  @ApiOperation({ summary: 'Add a staff member with an initial password (admins only)' })
  @ApiResponse({ status: 201, type: UserDto })
  @ApiResponse({ status: 409, type: ProblemDto, description: 'The e-mail address is taken (`email_taken`).' })
  @ApiResponse({ status: 422, type: ProblemDto })
  async create(@CurrentStaff() actor: StaffActor, @Body() dto: CreateUserDto, @Meta() meta: RequestMeta): Promise<UserDto> {
    return toUserDto(await this.users.create(actor, dto, meta));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a role, deactivate or reactivate (admins only)' })
  @ApiResponse({ status: 200, type: UserDto })
  @ApiResponse({ status: 404, type: ProblemDto })
  @ApiResponse({ status: 409, type: ProblemDto, description: 'It would leave no active admin (`last_admin`).' })
  async update(@CurrentStaff() actor: StaffActor, @Param('id') id: string, @Body() dto: UpdateUserDto, @Meta() meta: RequestMeta): Promise<UserDto> {
    return toUserDto((await this.users.update(actor, id, dto, meta)).user);
  }
}
