import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsEmailAddress, ShortText } from '../../common/validation';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../passwords';
import { ROLES, type Role } from '../staff-actor';

const Trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class StaffUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'editor@freelanews.com' })
  email: string;

  @ApiProperty({ example: 'Eve Editor' })
  name: string;

  @ApiProperty({ enum: ROLES })
  role: Role;
}

export class UserDto extends StaffUserDto {
  @ApiProperty()
  active: boolean;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  @ApiProperty({ nullable: true, type: Date })
  deactivatedAt: Date | null;

  @ApiProperty({ description: 'Must choose a new password at the next sign-in (the first-start admin).' })
  mustChangePassword: boolean;
}

export class CreateUserDto {
  @ApiProperty({ maxLength: 254, example: 'editor@freelanews.com', description: 'Unique, compared without regard to case.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString({ message: 'Give an e-mail address.' })
  @MaxLength(254, { message: 'Must be at most 254 characters.' })
  @IsEmailAddress({ message: 'Must be a valid e-mail address, like name@example.org.' })
  email: string;

  @ApiProperty({ maxLength: 200, example: 'Eve Editor' })
  @Trimmed()
  @IsString({ message: 'Give a name.' })
  @MinLength(1, { message: 'Give a name.' })
  @MaxLength(200, { message: 'Must be at most 200 characters.' })
  @ShortText()
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `Must be one of: ${ROLES.join(', ')}.` })
  role: Role;

  @ApiProperty({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    format: 'password',
    description:
      'The initial password; tell it to the person by a safe channel (or issue a set-password link afterwards). At least 12 characters, not only spaces, and hard to guess (zxcvbn score 3 or more; the name and e-mail address count against it).',
  })
  @IsString({ message: 'Give a password.' })
  @MinLength(MIN_PASSWORD_LENGTH, { message: `Must be at least ${MIN_PASSWORD_LENGTH} characters.` })
  @MaxLength(MAX_PASSWORD_LENGTH, { message: `Must be at most ${MAX_PASSWORD_LENGTH} characters.` })
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `Must be one of: ${ROLES.join(', ')}.` })
  role?: Role;

  @ApiPropertyOptional({ description: '`false` deactivates the account at once (its sessions end, its API tokens stop working); `true` reactivates it.' })
  @IsOptional()
  @IsBoolean({ message: 'Must be true or false.' })
  active?: boolean;
}
