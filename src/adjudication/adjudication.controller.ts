import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Roles } from '../auth/roles.guard';
import { formatCsv } from '../csv/csv';
import { CommandContext } from '../decider/command-context';
import { NotFoundError } from '../decider/domain-errors';
import { EDITIONS_PROJECTION, EditionsState, EditionView, RaceView } from '../editions/editions.projection';
import { EventStore } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { CallerContext } from '../http/caller-context.decorator';
import { CommandSender } from '../http/command-sender';
import { RateLimited } from '../operations/rate-limit';
import { ProjectionRunner } from '../projections/projection-runner';
import { isoCountryOf } from '../registration/countries';
import { REGISTRATIONS_PROJECTION, RegistrationsState } from '../registration/registrations.projection';
import { toUtcInstant } from '../time/instant';
import { ReadOutcome } from '../timing/record-reads';
import { UNMATCHED_READS_PROJECTION, UnmatchedReadsState } from '../timing/unmatched-reads.projection';
import { AdjudicationCommand } from './adjudication';
import { AdjudicateTimingCommand } from '../timing/timing.commands';
import { AdjudicateCommand } from './adjudication.commands';
import {
  AssignReadDto,
  CorrectDetailsDto,
  CorrectTimeDto,
  DeclareStatusDto,
  DisqualifyDto,
  ReasonDto,
} from './adjudication.dto';
import { assignRead } from './assign-read';
import { AuditPageQueryDto } from './audit-page-query';
import { AUDIT_PAGE_DEFAULT, AuditEntry, AuditFilter, auditPage, auditPages } from './audit-trail';

const AUDIT_COLUMNS = ['position', 'recordedAt', 'occurredAt', 'type', 'bib', 'raceId', 'actorId', 'actorRole', 'reason', 'before', 'after', 'correlationId', 'causationId', 'streamId'];

@ApiTags('adjudication')
@ApiBearerAuth()
@Controller('editions/:editionId')
export class AdjudicationController {
  constructor(
    private readonly commands: CommandSender,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private edition(editionId: string): EditionView {
    const edition = this.runner.state<EditionsState>(EDITIONS_PROJECTION)[editionId];
    if (!edition) throw new NotFoundError(`edition ${editionId} does not exist`);
    return edition;
  }

  private raceOf(editionId: string, bib: string): RaceView {
    const raceId = this.runner.state<RegistrationsState>(REGISTRATIONS_PROJECTION)[editionId]?.byBib.get(bib)?.raceId;
    const race = this.edition(editionId).races.find((candidate) => candidate.raceId === raceId);
    if (!race) throw new NotFoundError(`bib ${bib} is not registered in edition ${editionId}`);
    return race;
  }

  private async adjudicate(command: AdjudicationCommand, body: ReasonDto, context: CommandContext) {
    const outcome = await this.commands.send(new AdjudicateCommand(command, { ...context, reason: body.reason }, body.expectedRevision));
    return { editionId: command.data.editionId, bib: command.data.bib, revision: outcome.revision, events: outcome.events };
  }

  @Post('entries/:bib/corrections')
  @Roles('organiser')
  @ApiOperation({ summary: 'Correct (or add) the time of a start, split or finish; names the event it corrects' })
  async correctTime(
    @Param('editionId') editionId: string,
    @Param('bib') bib: string,
    @Body() body: CorrectTimeDto,
    @CallerContext() context: CommandContext,
  ) {
    const correction = {
      type: 'CorrectTime' as const,
      editionId,
      bib,
      pointId: body.pointId,
      time: toUtcInstant(body.time),
      correctionId: randomUUID(),
      override: body.override === true,
      ...(body.lap !== undefined && { lap: body.lap }),
    };
    const outcome = await this.commands.send(new AdjudicateTimingCommand(correction, { ...context, reason: body.reason }, body.expectedRevision));
    return { editionId, bib, revision: outcome.revision, events: outcome.events };
  }

  @Patch('entries/:bib')
  @Roles('organiser')
  @ApiOperation({ summary: "Correct a runner's details (name, gender, date of birth, country, club)" })
  correctDetails(
    @Param('editionId') editionId: string,
    @Param('bib') bib: string,
    @Body() body: CorrectDetailsDto,
    @CallerContext() context: CommandContext,
  ) {
    const { reason: _, expectedRevision: __, ...details } = body;
    // Stored as registration stores it, so that GER for a runner registered as DEU changes nothing.
    const changes = { ...details, ...(details.country !== undefined && { country: isoCountryOf(details.country) }) };
    const edition = { date: this.edition(editionId).date, race: this.raceOf(editionId, bib) };
    return this.adjudicate({ type: 'CorrectDetails', data: { editionId, bib, correctionId: randomUUID(), changes }, edition }, body, context);
  }

  @Post('entries/:bib/status')
  @Roles('organiser')
  @ApiOperation({ summary: 'Declare a runner DNS or DNF (409 for DNS with reads or DNF for a finisher, unless override: true)' })
  declareStatus(
    @Param('editionId') editionId: string,
    @Param('bib') bib: string,
    @Body() body: DeclareStatusDto,
    @CallerContext() context: CommandContext,
  ) {
    return this.adjudicate(
      { type: 'DeclareStatus', data: { editionId, bib, status: body.status, override: body.override === true } },
      body,
      context,
    );
  }

  @Delete('entries/:bib/status')
  @HttpCode(200)
  @Roles('organiser')
  @ApiOperation({ summary: 'Rescind a declared DNS or DNF, with a reason: the status follows from the reads again' })
  rescindStatus(
    @Param('editionId') editionId: string,
    @Param('bib') bib: string,
    @Body() body: ReasonDto,
    @CallerContext() context: CommandContext,
  ) {
    return this.adjudicate({ type: 'RescindStatus', data: { editionId, bib } }, body, context);
  }

  @Post('entries/:bib/disqualifications')
  @Roles('organiser')
  @ApiOperation({ summary: 'Disqualify a runner under a rule, with a reason' })
  disqualify(
    @Param('editionId') editionId: string,
    @Param('bib') bib: string,
    @Body() body: DisqualifyDto,
    @CallerContext() context: CommandContext,
  ) {
    const data = { editionId, bib, rule: body.rule, reason: body.reason, ...(body.leg !== undefined && { leg: body.leg }) };
    return this.adjudicate({ type: 'Disqualify', data }, body, context);
  }

  @Delete('entries/:bib/disqualifications')
  @HttpCode(200)
  @Roles('organiser')
  @ApiOperation({ summary: 'Rescind a disqualification, with a reason' })
  rescind(
    @Param('editionId') editionId: string,
    @Param('bib') bib: string,
    @Body() body: ReasonDto,
    @CallerContext() context: CommandContext,
  ) {
    return this.adjudicate({ type: 'RescindDisqualification', data: { editionId, bib, reason: body.reason } }, body, context);
  }

  @Post('timing/unmatched/:readId/assignment')
  @Roles('organiser')
  @ApiOperation({
    summary: "Assign an unmatched read to a runner; it is then recorded like any read. Answers the read's outcome and the revision of the edition's unmatched-read stream",
  })
  async assign(
    @Param('editionId') editionId: string,
    @Param('readId') readId: string,
    @Body() body: AssignReadDto,
    @CallerContext() context: CommandContext,
  ): Promise<Omit<ReadOutcome, 'position'> & { revision: number }> {
    const read = this.runner.state<UnmatchedReadsState>(UNMATCHED_READS_PROJECTION)[editionId]?.[readId];
    if (!read) throw new NotFoundError(`read ${readId} is not an unmatched read of ${editionId}`);
    const registrations = this.runner.state<RegistrationsState>(REGISTRATIONS_PROJECTION)[editionId];
    const withReason = { ...context, reason: body.reason };
    const { position, ...outcome } = await assignRead(this.store, this.edition(editionId), registrations, read, body.bib, withReason, body.expectedRevision);
    await this.runner.waitFor(position ?? -1);
    return outcome;
  }

  @Get('audit')
  @Roles('organiser', 'finance', 'timing')
  @RateLimited('expensive')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Who changed what, when and why: filter by bib, race, actor, event type, time; format=csv to export',
    description:
      'Paged by log position: `limit` entries (default 100, at most 1000) after `after`; the answer\'s `next` is the `after` of the next page, null after the last. A page reads at most 50,000 of the edition\'s events, so a narrow filter may answer fewer entries than `limit` and still a `next`: follow it until it is null. format=csv writes every page from `after` on.',
  })
  async audit(@Param('editionId') editionId: string, @Query() query: AuditPageQueryDto, @Res() response: Response): Promise<void> {
    this.edition(editionId);
    const byBib = this.runner.state<RegistrationsState>(REGISTRATIONS_PROJECTION)[editionId]?.byBib;
    const filter: AuditFilter = {
      editionId,
      ...(query.bib && { bib: query.bib }),
      ...(query.raceId && { raceId: query.raceId }),
      ...(query.actor && { actor: query.actor }),
      ...(query.type && { types: query.type.split(',') }),
      ...(query.from && { from: toUtcInstant(query.from, 'from') }),
      ...(query.to && { to: toUtcInstant(query.to, 'to') }),
    };
    const raceOfBib = (bib: string) => byBib?.get(bib)?.raceId;
    if (query.format === 'csv') {
      // Every page, written as it is read: the whole trail of an edition is never held at once.
      response.type('text/csv').attachment(`audit-${editionId}.csv`);
      let header = true;
      for await (const entries of auditPages(this.store, filter, raceOfBib, query.after)) {
        const csv = formatCsv(AUDIT_COLUMNS, entries.map(toCsvRow));
        if (!response.write(header ? csv : csv.slice(csv.indexOf('\r\n') + 2))) await Promise.race([once(response, 'drain'), once(response, 'close')]);
        // The client went away: nothing more to read for it.
        if (response.destroyed) return;
        header = false;
      }
      response.end();
    } else {
      const page = await auditPage(this.store, filter, raceOfBib, { ...(query.after !== undefined && { after: query.after }), limit: query.limit ?? AUDIT_PAGE_DEFAULT });
      response.json({ editionId, entries: page.entries, next: page.next });
    }
  }
}

const toCsvRow = (entry: AuditEntry): Record<string, unknown> => ({
  ...entry,
  actorId: entry.actor.id,
  actorRole: entry.actor.role,
  before: entry.change ? JSON.stringify(entry.change.before) : '',
  after: entry.change ? JSON.stringify(entry.change.after) : '',
});
