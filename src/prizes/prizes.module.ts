import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ProjectionRunner } from '../projections/projection-runner';
import { ResultsModule } from '../results/results.module';
import { TimingModule } from '../timing/timing.module';
import { PRIZE_LEDGER_PROJECTION, PrizeLedgersState } from './prize-ledger.projection';
import { PrizesController } from './prizes.controller';
import { PrizesSaga, ReconcilePrizesCommand, ReconcilePrizesHandler } from './prizes.saga';
import { PrizesService } from './prizes.service';
import { CommandBus } from '@nestjs/cqrs';

@Module({
  imports: [ResultsModule, TimingModule],
  controllers: [PrizesController],
  providers: [PrizesService, PrizesSaga, ReconcilePrizesHandler],
})
export class PrizesModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(PrizesModule.name);

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly commandBus: CommandBus,
    private readonly prizes: PrizesService,
  ) {}

  /**
   * A stop between a result change and its reconciliation would leave awards behind the results: once
   * caught up after a start, every edition with a certified race is reconciled (a no-op when in step).
   */
  onApplicationBootstrap(): void {
    const settle = async () => {
      await this.prizes.catchUp();
      // The reconciliation itself passes over editions with nothing certified.
      for (const editionId of Object.keys(this.runner.state<PrizeLedgersState>(PRIZE_LEDGER_PROJECTION))) {
        await this.commandBus.execute(new ReconcilePrizesCommand(editionId));
      }
    };
    setImmediate(() => settle().catch((error: Error) => this.logger.warn(`start-up prize reconciliation skipped: ${error.message}`)));
  }
}
