import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ShortText } from '../../common/validation';
import { MAX_PASSWORD_LENGTH } from '../passwords';
import { StaffUserDto } from './user.dto';

export class LoginDto {
  @ApiProperty({ maxLength: 254, example: 'editor@freelanews.com' })
  @IsString({ message: 'Give your e-mail address.' })
  @MinLength(1, { message: 'Give your e-mail address.' })
  @MaxLength(254, { message: 'Must be at most 254 characters.' })
  @ShortText()
  email: string;

  @ApiProperty({ maxLength: MAX_PASSWORD_LENGTH, format: 'password' })
  @IsString({ message: 'Give your password.' })
  @MinLength(1, { message: 'Give your password.' })
  @MaxLength(MAX_PASSWORD_LENGTH, { message: `Must be at most ${MAX_PASSWORD_LENGTH} characters.` })
  password: string;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>`. Shown once; the desk keeps only its SHA-256.' })
  token: string;

  @ApiProperty({ description: 'Absolute end of the session; it ends earlier after the idle timeout (SESSION_IDLE_MINUTES) without use.' })
  expiresAt: Date;

  @ApiProperty({ type: StaffUserDto })
  user: StaffUserDto;
}
