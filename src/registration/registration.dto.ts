import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { SLUG, SLUG_MESSAGE } from '../editions/edition.dto';
import { Gender } from './entry-events';
import { IsCountryCode } from './countries';

/**
 * A bib is the last part of its entry's stream name (`entry-<editionId>-<bib>`), so it has no dash: the
 * name cannot be read as another edition's. Names every object has (toString...) are refused as keys.
 */
export const BIB = /^(?!(?:toString|valueOf)$)[A-Za-z0-9]{1,10}$/;
export const CHIP = /^[A-Za-z0-9_.:]{1,40}$/;

export class RegisterRunnerDto {
  @ApiProperty({ example: '101' })
  @Matches(BIB, { message: '$property must be 1 to 10 letters or digits' })
  bib!: string;

  @ApiProperty({ example: 'E2000017' })
  @Matches(CHIP, { message: '$property must be 1 to 40 letters, digits, dots, colons or underscores' })
  chipId!: string;

  @ApiProperty({ example: 'marathon' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  raceId!: string;

  @ApiProperty({ example: 'Mikhail' })
  @IsString()
  @Length(1, 100)
  firstName!: string;

  @ApiProperty({ example: 'Krasilov' })
  @IsString()
  @Length(1, 100)
  lastName!: string;

  @ApiProperty({ enum: ['M', 'F'] })
  @IsIn(['M', 'F'])
  gender!: Gender;

  @ApiProperty({ example: '1987-03-14' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' })
  dateOfBirth!: string;

  @ApiProperty({ example: 'KAZ', description: 'ISO 3166-1 alpha-3 or IOC code' })
  @IsCountryCode()
  country!: string;

  @ApiPropertyOptional({ example: 'Almaty Runners' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  club?: string;

  @ApiPropertyOptional({ example: 'A' })
  @IsOptional()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  wave?: string;

  @ApiPropertyOptional({ example: 5000, description: 'entry fee paid, in the edition currency\'s major unit' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  entryFee?: number;
}
