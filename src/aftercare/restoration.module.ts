import { Module } from '@nestjs/common';
import { LapseService } from './lapse.service';
import { RestorationService } from './restoration.service';

// Restoration is used by the staff workflow (restore, reversed appeals) and by the sweep.
@Module({ providers: [RestorationService, LapseService], exports: [RestorationService, LapseService] })
export class RestorationModule {}
