import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { HttpUrl, IsEmailAddress, OptionalText, TrimToUndefined } from '../../common/validation';

export class CounterMaterialDto {
  @OptionalText(5000, '(B) The material that was removed.', { multiline: true })
  description?: string;

  @ApiPropertyOptional({ description: '(B) Where it appeared before it was removed (web address).' })
  @TrimToUndefined()
  @IsOptional()
  @HttpUrl()
  location?: string;
}

export class CounterStatementsDto {
  @ApiPropertyOptional({ description: '(C) Under penalty of perjury: removed by mistake or misidentification.' })
  @IsOptional()
  @IsBoolean({ message: 'Must be true or false.' })
  mistake?: boolean;

  @ApiPropertyOptional({ description: '(D) Consent to the jurisdiction of the Federal District Court.' })
  @IsOptional()
  @IsBoolean({ message: 'Must be true or false.' })
  jurisdiction?: boolean;

  @ApiPropertyOptional({ description: '(D) Accept service of process from the notifier or their agent.' })
  @IsOptional()
  @IsBoolean({ message: 'Must be true or false.' })
  service?: boolean;
}

export class SubscriberDto {
  @OptionalText(300, '(D) Your name.')
  name?: string;

  @OptionalText(1000, '(D) Your postal address.', { multiline: true })
  address?: string;

  @OptionalText(50, '(D) Your telephone number.')
  phone?: string;

  @ApiPropertyOptional({ description: 'Your e-mail address (for our answer).' })
  @TrimToUndefined()
  @IsOptional()
  @IsEmailAddress({ message: 'Must be a valid e-mail address.' })
  email?: string;
}

// A DMCA §512(g)(3) counter-notice: every element is optional here; what is missing is
// reported (and the counter-notice kept), like a notice.
export class CounterNoticeDto {
  @OptionalText(300, '(A) Your signature: your full name typed.')
  signature?: string;

  @ApiPropertyOptional({ type: CounterMaterialDto })
  @IsOptional()
  @IsObject({ message: 'Must be an object.' })
  @ValidateNested()
  @Type(() => CounterMaterialDto)
  material?: CounterMaterialDto;

  @ApiPropertyOptional({ type: CounterStatementsDto })
  @IsOptional()
  @IsObject({ message: 'Must be an object.' })
  @ValidateNested()
  @Type(() => CounterStatementsDto)
  statements?: CounterStatementsDto;

  @ApiPropertyOptional({ type: SubscriberDto })
  @IsOptional()
  @IsObject({ message: 'Must be an object.' })
  @ValidateNested()
  @Type(() => SubscriberDto)
  subscriber?: SubscriberDto;
}
