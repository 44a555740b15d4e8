import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor } from '../auth/actor';
import { ConflictError, NotFoundError } from '../decider/domain-errors';
import { ProjectionRunner } from '../projections/projection-runner';
import { selectReadModels } from './read-model-names';

export type StepStatus = 'queued' | 'rebuilding' | 'swapped' | 'failed';

export interface RebuildStep {
  name: string;
  status: StepStatus;
  eventsFolded: number;
  /** Log position the new state has reached. */
  position: number;
  /** Where the live read model (still serving) is: the rebuild swaps in once it gets there. */
  livePosition: number;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
}

export interface RebuildJob {
  rebuildId: string;
  status: 'running' | 'completed' | 'failed';
  requestedBy: string;
  requestedAt: string;
  finishedAt?: string;
  projections: RebuildStep[];
}

/** Jobs are kept in memory for their progress page; a restart forgets them (the models it rebuilt stay). */
const KEPT_JOBS = 100;

/**
 * Rebuilds read models of the running API in the background, one after another, each from zero on
 * fresh state and swapped in by the runner once caught up: the API serves the old model meanwhile.
 */
@Injectable()
export class RebuildJobs {
  private readonly logger = new Logger(RebuildJobs.name);
  private readonly jobs = new Map<string, RebuildJob>();

  constructor(private readonly runner: ProjectionRunner) {}

  start(names: string[], actor: Actor, now: string): RebuildJob {
    const projections = selectReadModels(names);
    const named = (name: string) => projections.some((projection) => projection.name === name);
    const busy = [...this.jobs.values()].flatMap((job) =>
      job.projections
        .filter((step) => (step.status === 'queued' || step.status === 'rebuilding') && named(step.name))
        .map((step) => `${step.name} (rebuild ${job.rebuildId})`),
    );
    if (busy.length > 0) throw new ConflictError(`already being rebuilt: ${busy.join(', ')}`);
    const stopped = this.runner.status().projections.filter((live) => live.failure && named(live.name));
    if (stopped.length > 0) {
      throw new ConflictError(
        `${stopped.map((live) => `${live.name} stopped on ${live.failure}`).join('; ')}: a rebuild would stop at the same event; fix the projection, bump its version and restart`,
      );
    }
    const job: RebuildJob = {
      rebuildId: randomUUID(),
      status: 'running',
      requestedBy: actor.id,
      requestedAt: now,
      projections: projections.map(({ name }) => ({ name, status: 'queued', eventsFolded: 0, position: -1, livePosition: -1 })),
    };
    this.jobs.set(job.rebuildId, job);
    [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEPT_JOBS)).forEach((id) => this.jobs.delete(id));
    void this.run(job);
    return job;
  }

  get(rebuildId: string): RebuildJob {
    const job = this.jobs.get(rebuildId);
    if (!job) throw new NotFoundError(`rebuild ${rebuildId} does not exist (jobs are forgotten when the API restarts)`);
    return job;
  }

  private async run(job: RebuildJob): Promise<void> {
    for (const step of job.projections) {
      step.status = 'rebuilding';
      step.startedAt = new Date().toISOString();
      try {
        await this.runner.rebuild(step.name, ({ position, events }) => {
          step.position = position;
          step.eventsFolded = events;
          step.livePosition = this.runner.status().position;
        });
        step.status = 'swapped';
      } catch (error) {
        step.status = 'failed';
        step.error = (error as Error).message;
        this.logger.warn(`rebuild ${job.rebuildId} of ${step.name} failed: ${step.error}`);
      }
      step.finishedAt = new Date().toISOString();
    }
    job.status = job.projections.every((step) => step.status === 'swapped') ? 'completed' : 'failed';
    job.finishedAt = new Date().toISOString();
  }
}
