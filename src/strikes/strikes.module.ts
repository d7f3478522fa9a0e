import { Module } from '@nestjs/common';
import { ContributorsPageController } from './contributors-page.controller';
import { StrikesController } from './strikes.controller';
import { StrikesService } from './strikes.service';

// Repeat infringers (DMCA §512(i)): strikes are recorded as decisions take effect
// (strike-effects.ts); this module lists contributors and records legal's account decisions.
@Module({
  controllers: [StrikesController, ContributorsPageController],
  providers: [StrikesService],
})
export class StrikesModule {}
