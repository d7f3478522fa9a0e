import { Module } from '@nestjs/common';
import { RestorationService } from './restoration.service';

// Restoration is used by the staff workflow (restore, reversed appeals) and by the sweep.
@Module({ providers: [RestorationService], exports: [RestorationService] })
export class RestorationModule {}
