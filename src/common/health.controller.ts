import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Database } from '../database/database.service';
import { EventSealService } from '../events/event-seal.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Database,
    private readonly seals: EventSealService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness, database reachability, and a warning when events wait too long for their seal' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const started = process.hrtime.bigint();
    try {
      await this.db.ping();
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      // A sealing backlog is worth an alert but the instance still serves: 200 either way.
      const unsealed = await this.seals.unsealedWarning();
      return {
        status: unsealed ? 'warning' : 'ok',
        database: { status: 'up', latencyMs },
        ...(unsealed && {
          warnings: [unsealed.message],
          eventLog: { unsealedOlderThanSeconds: unsealed.olderThanSeconds, count: unsealed.count, oldest: unsealed.oldest.toISOString() },
        }),
      };
    } catch {
      reply.status(503);
      return { status: 'error', database: { status: 'down' } };
    }
  }
}
