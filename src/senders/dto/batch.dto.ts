import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProblemDto } from '../../common/problem.dto';
import { FileNoticeDto } from '../../notices/dto/file-notice.dto';
import { FilingResponseDto } from '../../notices/dto/filing-response.dto';

export const MAX_BATCH_NOTICES = 100;

export class FileBatchDto {
  @ApiProperty({
    type: [FileNoticeDto],
    minItems: 1,
    maxItems: MAX_BATCH_NOTICES,
    description: `1 to ${MAX_BATCH_NOTICES} notices, each as for POST /api/v1/notices (a desk notice, or a Lumen notice as \`{ "notice": … }\`).`,
  })
  notices: unknown[];
}

export class BatchEntryDto {
  @ApiProperty({ description: 'Position of the notice in the request, from 0.' })
  index: number;

  @ApiProperty({ example: 201, description: 'What POST /api/v1/notices would have answered for this notice alone: 201, 200 (replay), 403, 422.' })
  status: number;

  @ApiPropertyOptional({ example: '/api/v1/track/…', description: '201 only: the private tracking resource.' })
  location?: string;

  @ApiPropertyOptional({ type: FilingResponseDto, description: '201 and 200: the filing.' })
  filing?: FilingResponseDto;

  @ApiPropertyOptional({ type: ProblemDto, description: 'Otherwise: the problem, naming each bad field of this notice.' })
  problem?: ProblemDto;
}

export class BatchResponseDto {
  @ApiProperty({ type: [BatchEntryDto] })
  results: BatchEntryDto[];

  @ApiProperty({ description: 'How many notices were filed (201) or replayed (200).' })
  accepted: number;

  @ApiProperty({ description: 'How many were refused.' })
  refused: number;
}
