import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../passwords';

const NEW_PASSWORD_RULES = `At least ${MIN_PASSWORD_LENGTH} characters, not only spaces, and hard to guess (zxcvbn score 3 or more; your name and e-mail address count against it).`;

export class ChangePasswordDto {
  @ApiProperty({ maxLength: MAX_PASSWORD_LENGTH, format: 'password' })
  @IsString({ message: 'Give your current password.' })
  @MinLength(1, { message: 'Give your current password.' })
  @MaxLength(MAX_PASSWORD_LENGTH, { message: `Must be at most ${MAX_PASSWORD_LENGTH} characters.` })
  currentPassword: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH, format: 'password', description: NEW_PASSWORD_RULES })
  @IsString({ message: 'Give a new password.' })
  @MaxLength(MAX_PASSWORD_LENGTH, { message: `Must be at most ${MAX_PASSWORD_LENGTH} characters.` })
  newPassword: string;
}

export class SetPasswordDto {
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH, format: 'password', description: NEW_PASSWORD_RULES })
  @IsString({ message: 'Give a new password.' })
  @MaxLength(MAX_PASSWORD_LENGTH, { message: `Must be at most ${MAX_PASSWORD_LENGTH} characters.` })
  newPassword: string;
}

export class PasswordResetIssuedDto {
  @ApiProperty({
    example: 'https://desk.example.org/set-password/…',
    description: 'The one-time set-password link: shown only now and e-mailed to the person; it works once, for 24 hours.',
  })
  url: string;

  @ApiProperty()
  expiresAt: Date;
}
