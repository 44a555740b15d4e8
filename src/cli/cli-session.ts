import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { ConfigError, loadConfig, Role } from '../config';
import { CommandContext } from '../decider/command-context';
import { DomainError } from '../decider/domain-errors';
import { openEventStore } from '../event-store/event-store.module';
import { EventStore } from '../event-store/event-store';
import { BulkMode } from '../registration/bulk-registration';

/** Named `--flag value` options; a bare `--flag` is "true". */
export const parseFlags = (args: string[]): Record<string, string> => {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument ${arg}`);
    const next = args[i + 1];
    flags[arg.slice(2)] = next !== undefined && !next.startsWith('--') ? (i++, next) : 'true';
  }
  return flags;
};

export class UsageError extends Error {}

/** A file named on the command line; an unreadable one is a usage error (exit 2), not a crash. */
export const readInputFile = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
};

/** The bulk mode flag shared by the CSV importers: all-or-nothing unless told otherwise. */
export const bulkModeFlag = (flags: Record<string, string>): BulkMode => {
  const mode = (flags.mode ?? 'all-or-nothing') as BulkMode;
  if (!['all-or-nothing', 'valid-rows-only'].includes(mode)) throw new UsageError(`unknown --mode ${mode}`);
  return mode;
};

/**
 * A command-line tool's session: the configured store (same environment variables as the server) and
 * the operator as the actor of every event it appends.
 */
export const cliContext = (role: Role, reason: string): CommandContext => ({
  actor: { id: `cli:${userInfo().username}`, role },
  correlationId: randomUUID(),
  reason,
  now: new Date().toISOString(),
});

/** Runs a CLI body with the configured store; every failure is a message and a non-zero exit. */
export const runCli = async (usage: string, body: (store: EventStore, flags: Record<string, string>) => Promise<number>) => {
  let store: EventStore | undefined;
  try {
    const flags = parseFlags(process.argv.slice(2));
    if (flags.help) {
      process.stdout.write(`${usage}\n`);
      return;
    }
    store = await openEventStore(loadConfig());
    process.exitCode = await body(store, flags);
  } catch (error) {
    if (error instanceof UsageError) process.stderr.write(`${error.message}\n${usage}\n`);
    else if (error instanceof ConfigError || error instanceof DomainError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exitCode = error instanceof UsageError || error instanceof ConfigError ? 2 : 1;
  } finally {
    await store?.close();
  }
};
