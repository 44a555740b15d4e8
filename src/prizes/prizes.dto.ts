import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { EACH_AN_OBJECT } from '../editions/edition.dto';

export class PrizePoolDto {
  @ApiProperty({ example: 'M', description: 'overall, M or F (places by gender), or a results category such as M40' })
  @Matches(/^(overall|M|F|[MF](U\d{1,2}|OPEN|\d{2}))$/, { message: '$property must be overall, M, F or a category such as M40, FOPEN, MU18' })
  category!: string;

  @ApiProperty({ example: [400000, 300000, 250000], description: 'amount per place, 1st first, in the major unit' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  @Min(0, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  places!: number[];
}

export class PrizeScheduleDto {
  @ApiProperty({ example: 'KZT' })
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code' })
  currency!: string;

  @ApiProperty({ enum: ['gun', 'net'], description: 'gun time is official; some age-group prizes go by net time' })
  @IsIn(['gun', 'net'])
  basis!: 'gun' | 'net';

  @ApiProperty({ type: [PrizePoolDto] })
  @ValidateNested({ each: true })
  @IsObject(EACH_AN_OBJECT)
  @Type(() => PrizePoolDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  prizes!: PrizePoolDto[];

  @ApiPropertyOptional({ default: true, description: 'one prize per runner: the richer pool wins, the winner leaves later pools' })
  @IsOptional()
  @IsBoolean()
  onePrizePerRunner?: boolean;

  @ApiPropertyOptional({ enum: ['share', 'each'], default: 'share', description: 'tied runners share the places they cover, or each take the place amount' })
  @IsOptional()
  @IsIn(['share', 'each'])
  tiedPlaces?: 'share' | 'each';
}

export class MoneyMovementDto {
  @ApiProperty({ example: 400000, description: 'in the major unit of the award currency' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  amount!: number;

  @ApiProperty({ example: 'KASPI-2018-04-25-0001', description: 'bank reference; unique in the edition' })
  @IsString()
  @Length(1, 100)
  reference!: string;
}

export class ReconciliationQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class CertifyDto {
  @ApiPropertyOptional({ example: false, description: 'certify although reads of the race are still open for review (needs a reason)' })
  @IsOptional()
  @IsBoolean()
  override?: boolean;

  @ApiPropertyOptional({ example: 'the two open reads are a spectator chip; results verified against video' })
  @IsOptional()
  @IsString()
  @Length(3, 500)
  reason?: string;
}
