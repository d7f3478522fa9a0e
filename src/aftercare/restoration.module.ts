import { Module } from '@nestjs/common';
import { LapseService } from './lapse.service';
import { RestorationService } from './restoration.service';
import { RestrictionEndService } from './restriction-end.service';

// Restoration is used by the staff workflow (restore, reversed appeals) and by the sweep.
@Module({ providers: [RestorationService, LapseService, RestrictionEndService], exports: [RestorationService, LapseService, RestrictionEndService] })
export class RestorationModule {}
