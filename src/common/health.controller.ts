import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Database } from '../database/database.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Database) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const started = process.hrtime.bigint();
    try {
      await this.db.ping();
      return { status: 'ok', database: { status: 'up', latencyMs: Number(process.hrtime.bigint() - started) / 1e6 } };
    } catch {
      reply.status(503);
      return { status: 'error', database: { status: 'down' } };
    }
  }
}
