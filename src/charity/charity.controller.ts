import { Body, Controller, Get, Header, Param, Post, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Roles } from '../auth/roles.guard';
import { CommandContext } from '../decider/command-context';
import { CallerContext } from '../http/caller-context.decorator';
import { CommandSender } from '../http/command-sender';
import { RateLimited } from '../operations/rate-limit';
import { toUtcInstant } from '../time/instant';
import { CharityCommandMessage, CharityRequest } from './charity.commands';
import { AllocateFundsDto, RecordDonationDto } from './charity.dto';
import { CharityTotals } from './charity.projection';
import { ExportCharityLedgerQuery, GetCharityTotalsQuery } from './charity.queries';

/** What finance gets back: whether this request was new or a resend already recorded, and the fund after it. */
export type FundReceipt = { editionId: string; duplicate: boolean; fund: CharityTotals } & ({ donationId: string } | { allocationId: string });

@ApiTags('charity')
@Controller('editions/:editionId')
export class CharityController {
  constructor(
    private readonly commands: CommandSender,
    private readonly queries: QueryBus,
  ) {}

  private async record(request: CharityRequest, context: CommandContext): Promise<FundReceipt> {
    const outcome = await this.commands.send(new CharityCommandMessage(request, context));
    const { editionId } = request.data;
    const id = request.type === 'RecordDonation' ? { donationId: request.data.donationId } : { allocationId: request.data.allocationId };
    const fund = await this.queries.execute(new GetCharityTotalsQuery(editionId));
    return { editionId, ...id, duplicate: outcome.events.length === 0, fund };
  }

  @Post('charity/donations')
  @Roles('finance')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Record a donation to the charity fund (same donationId again: recorded once; other details: 409)' })
  donate(
    @Param('editionId') editionId: string,
    @Body() body: RecordDonationDto,
    @CallerContext() context: CommandContext,
  ): Promise<FundReceipt> {
    const { donationId = randomUUID(), amount, currency, receivedAt, ...donation } = body;
    const data = {
      ...donation,
      editionId,
      donationId,
      ...(receivedAt !== undefined && { receivedAt: toUtcInstant(receivedAt, 'receivedAt') }),
    };
    return this.record({ type: 'RecordDonation', data, money: { amount, ...(currency !== undefined && { currency }) } }, context);
  }

  @Post('charity/allocations')
  @Roles('finance')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Allocate money from the fund to a cause (more than the fund holds unallocated: 409)' })
  allocate(
    @Param('editionId') editionId: string,
    @Body() body: AllocateFundsDto,
    @CallerContext() context: CommandContext,
  ): Promise<FundReceipt> {
    const { allocationId = randomUUID(), amount, currency, reason, cause } = body;
    const request: CharityRequest = {
      type: 'AllocateFunds',
      data: { editionId, allocationId, cause },
      money: { amount, ...(currency !== undefined && { currency }) },
    };
    return this.record(request, { ...context, ...(reason !== undefined && { reason }) });
  }

  @Get('charity')
  @ApiOperation({ summary: 'Charity fund totals: by source, race, company, team and cause; allocated and unallocated' })
  totals(@Param('editionId') editionId: string): Promise<CharityTotals> {
    return this.queries.execute(new GetCharityTotalsQuery(editionId));
  }

  @Get('charity.csv')
  @Roles('finance')
  @RateLimited('expensive')
  @ApiBearerAuth()
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The fund ledger: one row per entry fee, donation and allocation (negative); the amounts add up to the totals' })
  async ledger(@Param('editionId') editionId: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const csv = await this.queries.execute(new ExportCharityLedgerQuery(editionId));
    response.setHeader('Content-Disposition', `attachment; filename="${editionId}-charity-ledger.csv"`);
    return csv;
  }
}
