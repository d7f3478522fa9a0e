import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

// Placeholder: the public notice form (GET /notices/new, POST /notices) lands next.
@ApiExcludeController()
@Controller()
export class NoticeFormController {}
