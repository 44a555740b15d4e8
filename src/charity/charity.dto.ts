import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsPositive, IsString, Length, Matches } from 'class-validator';
import { ISO_INSTANT, ISO_INSTANT_MESSAGE, SLUG, SLUG_MESSAGE } from '../editions/edition.dto';
import { BIB } from '../registration/registration.dto';

/** Finance's own references (bank references, receipt numbers) become the ids of donations and allocations. */
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}$/;
const REFERENCE_MESSAGE = '$property must be 1 to 100 letters, digits, dots, colons, slashes, underscores or dashes';
const NOT_BLANK = /\S/;

/** Money in the edition currency's major unit; its decimals are checked against the currency (KZT 2, JPY 0). */
class FundMoneyDto {
  @ApiProperty({ example: 250000, description: 'in the major unit of the currency (250000 = 250,000 KZT)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  amount!: number;

  @ApiPropertyOptional({ example: 'KZT', description: "the edition's currency (the default); any other is refused" })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code of three capital letters' })
  currency?: string;
}

export class RecordDonationDto extends FundMoneyDto {
  @ApiPropertyOptional({ example: 'KASPI-2018-04-0042', description: 'finance\'s reference: a resend with it is recorded once (default: a new id)' })
  @IsOptional()
  @Matches(REFERENCE, { message: REFERENCE_MESSAGE })
  donationId?: string;

  @ApiProperty({ example: 'Aigerim Nurlanovna' })
  @IsString()
  @Matches(NOT_BLANK, { message: '$property must not be blank' })
  @Length(1, 200)
  donor!: string;

  @ApiPropertyOptional({ example: 'Omron' })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, { message: '$property must not be blank' })
  @Length(1, 200)
  company?: string;

  @ApiPropertyOptional({ example: '901', description: 'the bib of the team the donation is made for' })
  @IsOptional()
  @Matches(BIB, { message: '$property must be 1 to 10 letters or digits' })
  teamBib?: string;

  @ApiPropertyOptional({ example: 'childrens-hospital', description: 'the cause the donor names (a slug)' })
  @IsOptional()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  @Length(1, 64)
  cause?: string;

  @ApiPropertyOptional({ example: '2018-04-20T09:15:00.000Z', description: 'when the money arrived (default: now)' })
  @IsOptional()
  @Matches(ISO_INSTANT, { message: ISO_INSTANT_MESSAGE })
  receivedAt?: string;
}

export class AllocateFundsDto extends FundMoneyDto {
  @ApiPropertyOptional({ example: 'ALLOC-2018-01', description: 'a resend with it is recorded once (default: a new id)' })
  @IsOptional()
  @Matches(REFERENCE, { message: REFERENCE_MESSAGE })
  allocationId?: string;

  @ApiProperty({ example: 'childrens-hospital' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  @Length(1, 64)
  cause!: string;

  @ApiPropertyOptional({ example: 'board decision of 2018-05-02' })
  @IsOptional()
  @IsString()
  @Length(3, 500)
  reason?: string;
}
