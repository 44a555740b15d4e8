import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, Role } from '../config';
import { CommandContext } from '../decider/command-context';
import { DomainError } from '../decider/domain-errors';
import { openEventStore } from '../event-store/event-store.module';
import { EventStore } from '../event-store/event-store';
import { BulkMode } from '../registration/bulk-registration';

/** A command's options, as node:util's parseArgs takes them (`--help` is every command's). */
export type FlagOptions = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
type WithHelp<O extends FlagOptions> = O & { help: { type: 'boolean' } };
/** The values parsed: a string option is a string (or string[] if `multiple`), a boolean one true; absent ones are undefined. */
export type Flags<O extends FlagOptions> = ReturnType<typeof parseArgs<{ args: string[]; options: WithHelp<O>; strict: true; allowPositionals: false }>>['values'];

/** Edits (a swap of two neighbours being one), to name the option a mistyped one (`--mdoe`) was meant to be. */
const distance = (a: string, b: string): number => {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
};

/** parseArgs's refusals, said the way the rest of the usage errors are. */
const usageErrorOf = (error: NodeJS.ErrnoException, names: string[]): UsageError => {
  const option = /'(?:-\w, )?--([^' ]+)/.exec(error.message)?.[1] ?? /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const known = `the options are ${names.map((name) => `--${name}`).join(', ')}`;
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const name = option.replace(/^-+/, '').split('=')[0]!;
      const near = names.filter((candidate) => distance(name, candidate) <= Math.max(1, Math.floor(candidate.length / 3)));
      return new UsageError(`unknown option --${name}${near.length > 0 ? ` (did you mean --${near[0]}?)` : ''}; ${known}`);
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(error.message)) return new UsageError(`--${option} takes no value`);
      if (/ambiguous/.test(error.message)) return new UsageError(`--${option} needs a value (for one that starts with "-", write --${option}=VALUE)`);
      return new UsageError(`--${option} needs a value`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`unexpected argument ${option}: options are named (--name value or --name=value); ${known}`);
    default:
      return new UsageError(error.message);
  }
};

/**
 * The command line, strictly: only the command's options (`--edition x` or `--edition=x`), a value for
 * each string option, none for a boolean one, no stray arguments. Anything else is a UsageError (exit 2).
 */
export const parseFlags = <O extends FlagOptions>(args: string[], options: O): Flags<O> => {
  const withHelp = { ...options, help: { type: 'boolean' } } as WithHelp<O>;
  try {
    return parseArgs({ args, options: withHelp, strict: true, allowPositionals: false }).values as Flags<O>;
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).code!.startsWith('ERR_PARSE_ARGS')) {
      throw usageErrorOf(error as NodeJS.ErrnoException, Object.keys(withHelp));
    }
    throw error;
  }
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
export const bulkModeFlag = (flag: string | undefined): BulkMode => {
  const mode = (flag ?? 'all-or-nothing') as BulkMode;
  if (!['all-or-nothing', 'valid-rows-only'].includes(mode)) throw new UsageError(`unknown --mode ${mode}: it is all-or-nothing or valid-rows-only`);
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
export const runCli = async <O extends FlagOptions>(usage: string, options: O, body: (store: EventStore, flags: Flags<O>) => Promise<number>) => {
  let store: EventStore | undefined;
  try {
    const flags = parseFlags(process.argv.slice(2), options);
    if ((flags as { help?: boolean }).help) {
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
