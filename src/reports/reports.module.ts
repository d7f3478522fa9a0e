import { Module } from '@nestjs/common';
import { TransparencyController } from './transparency.controller';
import { TransparencyService } from './transparency.service';

// Public accountability: the transparency report (page and API). Read-only over the desk's tables.
@Module({ controllers: [TransparencyController], providers: [TransparencyService] })
export class ReportsModule {}
