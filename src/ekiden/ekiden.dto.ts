import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { EACH_AN_OBJECT, SLUG, SLUG_MESSAGE } from '../editions/edition.dto';
import { Gender } from '../registration/entry-events';
import { BIB, CHIP } from '../registration/registration.dto';
import { TEAM_CATEGORIES, TeamCategory } from './team-events';
import { IsCountryCode } from '../registration/countries';

export class LegRunnerDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) leg!: number;
  @ApiProperty({ example: 'Arman' }) @IsString() @Length(1, 100) firstName!: string;
  @ApiProperty({ example: 'Seitkali' }) @IsString() @Length(1, 100) lastName!: string;
  @ApiProperty({ enum: ['M', 'F'] }) @IsIn(['M', 'F']) gender!: Gender;

  @ApiProperty({ example: '1995-02-10' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' })
  dateOfBirth!: string;

  @ApiProperty({ example: 'KAZ' })
  @IsCountryCode()
  country!: string;
}

export class RegisterTeamDto {
  @ApiProperty({ example: 'E1' }) @Matches(BIB, { message: '$property must be 1 to 10 letters or digits' }) bib!: string;
  @ApiProperty({ example: 'SASH0001' })
  @Matches(CHIP, { message: '$property must be 1 to 40 letters, digits, dots, colons or underscores' })
  chipId!: string;
  @ApiProperty({ example: 'ekiden' }) @Matches(SLUG, { message: SLUG_MESSAGE }) raceId!: string;
  @ApiProperty({ example: 'Batyr-1' }) @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ example: 'Presidential Regiment' }) @IsOptional() @IsString() @Length(1, 200) organisation?: string;
  @ApiProperty({ enum: TEAM_CATEGORIES }) @IsIn(TEAM_CATEGORIES) category!: TeamCategory;

  @ApiProperty({ type: [LegRunnerDto] })
  @ValidateNested({ each: true })
  @IsObject(EACH_AN_OBJECT)
  @Type(() => LegRunnerDto)
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  runners!: LegRunnerDto[];

  @ApiPropertyOptional({ example: 30000, description: "team entry fee paid, in the edition currency's major unit" })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  entryFee?: number;
}

export class StandingsQueryDto {
  @ApiPropertyOptional({ description: 'the relay race, when an edition has more than one' })
  @IsOptional()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  raceId?: string;

  @ApiPropertyOptional({ enum: TEAM_CATEGORIES }) @IsOptional() @IsIn(TEAM_CATEGORIES) category?: TeamCategory;
}
