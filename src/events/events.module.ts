import { DynamicModule, Global, Module } from '@nestjs/common';
import { EventSealJob } from './event-seal.job';
import { EventSealService } from './event-seal.service';
import { EventVerifier } from './event-verifier';

// Sealing and verification of the event log. Global: /health (in CoreModule) and the audit
// pages use EventSealService and EventVerifier. The CLI leaves the background job out.
@Global()
@Module({})
export class EventsModule {
  static forRoot(options: { backgroundSealing: boolean }): DynamicModule {
    return {
      module: EventsModule,
      providers: [EventSealService, EventVerifier, ...(options.backgroundSealing ? [EventSealJob] : [])],
      exports: [EventSealService, EventVerifier],
    };
  }
}
