import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, MaxLength } from 'class-validator';
import { IsEmailAddress, TrimToUndefined } from '../../common/validation';

export class LostLinkDto {
  @ApiProperty({ maxLength: 254, description: 'The e-mail address the notices were filed with.', example: 'jane@example.org' })
  @TrimToUndefined()
  @IsDefined({ message: 'Give the e-mail address you filed your notice with.' })
  @MaxLength(254, { message: 'Must be at most 254 characters.' })
  @IsEmailAddress({ message: 'Must be a valid e-mail address, like name@example.org.' })
  email: string;
}
