import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ARTICLE_ORIGINS, ArticleOrigin } from '../article-origin';
import { HttpUrl, IsEmailAddress, NoControlCharacters, OptionalText, ShortText, TrimToUndefined } from '../../common/validation';

// One image of an article: where it is, and what the page says under it.
export class ArticleMediaDto {
  @IsDefined({ message: 'Give the image URL.' })
  @HttpUrl()
  url: string;

  @OptionalText(1000, 'Caption')
  caption?: string;

  @OptionalText(300, 'Credit')
  credit?: string;

  @OptionalText(1000, 'Alt text')
  alt?: string;
}

// One record of `npm run desk -- articles:import FILE.json` (a JSON array of these).
export class ArticleImportDto {
  @IsDefined({ message: 'Give the canonical URL.' })
  @HttpUrl()
  url: string;

  @TrimToUndefined()
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,199}$/, { message: 'Must be lower-case letters, digits and hyphens.' })
  slug?: string;

  @IsDefined({ message: 'Give the title.' })
  @IsNotEmpty({ message: 'Give the title.' })
  @IsString({ message: 'Must be text.' })
  @MaxLength(500)
  @ShortText()
  title: string;

  @OptionalText(300, 'Byline')
  byline?: string;

  @TrimToUndefined()
  @IsOptional()
  @IsEmailAddress({ message: 'Must be a valid e-mail address.' })
  authorEmail?: string;

  @OptionalText(100, 'Section')
  section?: string;

  @TrimToUndefined()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'Must be an ISO 8601 date, like 2025-06-02T09:00:00Z.' })
  publishedAt?: string;

  @IsDefined({ message: 'Give the body text.' })
  @IsNotEmpty({ message: 'Give the body text.' })
  @IsString({ message: 'Must be text.' })
  @MaxLength(1_000_000)
  @NoControlCharacters(true)
  body: string;

  @IsOptional()
  @ArrayMaxSize(50)
  @IsArray({ message: 'Must be a list of URLs.' })
  @HttpUrl({ each: true })
  aliases?: string[];

  @IsOptional()
  @Transform(({ value }) => value ?? false)
  @IsBoolean({ message: 'Must be true or false.' })
  publicInterest?: boolean;

  // Who wrote it: the regime after a decision follows (staff by default).
  @IsOptional()
  @IsIn(ARTICLE_ORIGINS, { message: `Must be one of: ${ARTICLE_ORIGINS.join(', ')}.` })
  origin?: ArticleOrigin;

  // Syndicated copy: the licensor (wire service, partner) told of decisions on it.
  @OptionalText(300, 'Licensor')
  licensor?: string;

  // Its images, with caption and credit.
  @IsOptional()
  @ArrayMaxSize(50)
  @IsArray({ message: 'Must be a list of images ({ url, caption, credit, alt }).' })
  @ValidateNested({ each: true })
  @Type(() => ArticleMediaDto)
  media?: ArticleMediaDto[];
}
