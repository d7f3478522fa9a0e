import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

// Placeholder: the tracking page (GET /track/:token) lands next.
@ApiExcludeController()
@Controller()
export class TrackingPageController {}
