import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** One command of `npm run …`: how it is named in messages, its usage and its flags. */
export interface CommandDefinition<Options extends ParseArgsOptionsConfig> {
  /** The npm script, as messages name it: `lint:apis`, `start`. */
  name: string;
  /** The whole usage text, its first line `Usage: npm run <name> …`. */
  usage: string;
  /** Its flags, as `node:util` `parseArgs` takes them; `-h`/`--help` is added to every command. */
  options: Options;
  /** Whether words that are not flags are allowed (the subcommands of `npm run keys`). */
  positionals?: boolean;
}

const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

type Config<Options extends ParseArgsOptionsConfig> = {
  args: string[];
  options: Options & typeof helpOption;
  strict: true;
  allowPositionals: boolean;
};

/** The flags and words of one command line, typed from the command's options. */
export type CommandLine<Options extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<Config<Options>>
>;

/** A command line the command cannot run: printed as `<name>: <message>`, then the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Reads a command line: 'help' when `-h`/`--help` is given, otherwise its flags and words.
 * Throws `UsageError` with one line for the first mistake: an unknown option, a flag missing
 * its value or given one it takes none, a word where none is expected.
 */
export function parseCommandLine<Options extends ParseArgsOptionsConfig>(
  command: CommandDefinition<Options>,
  argv: readonly string[],
): CommandLine<Options> | 'help' {
  const options = { ...command.options, ...helpOption };
  const allowPositionals = command.positionals ?? false;
  // A lenient pass first, to name the first mistake in our words rather than the parser's.
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional' && !allowPositionals) {
      throw new UsageError(`unexpected argument "${token.value}"`);
    }
    if (token.kind !== 'option') continue;
    const type = Object.hasOwn(options, token.name) ? options[token.name]?.type : undefined;
    if (type === undefined) throw new UsageError(`unknown option ${token.rawName}`);
    // `--format --json`: the next word is a flag, not this one's value.
    const looksLikeFlag = !token.inlineValue && /^-./.test(token.value ?? '');
    if (type === 'string' && (token.value === undefined || looksLikeFlag)) {
      throw new UsageError(`option ${token.rawName} needs a value`);
    }
    if (type === 'boolean' && token.value !== undefined) {
      throw new UsageError(`option ${token.rawName} takes no value`);
    }
  }
  let line: CommandLine<Options>;
  try {
    line = parseArgs<Config<Options>>({
      args: [...argv],
      options,
      strict: true,
      allowPositionals,
    });
  } catch (error) {
    // The lenient pass names every mistake the strict one knows; this is a safety net.
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1).replace(/\.$/, ''));
  }
  return (line.values as { help?: boolean }).help === true ? 'help' : line;
}

/**
 * Reads this process's command line for `command`. With `--help` it prints the usage and exits
 * 0; on a mistake it prints `<name>: <mistake>` and the usage to stderr and exits 2. Either way
 * before the command has started anything.
 */
export function readCommandLine<Options extends ParseArgsOptionsConfig>(
  command: CommandDefinition<Options>,
  argv: readonly string[] = process.argv.slice(2),
): CommandLine<Options> {
  let line;
  try {
    line = parseCommandLine(command, argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return exitWithUsage(command, error.message);
  }
  if (line === 'help') {
    process.stdout.write(`${command.usage}\n`);
    process.exit(0);
  }
  return line;
}

/** Stops the command for a mistake of its command line: one line, the usage, exit code 2. */
export function exitWithUsage(
  command: Pick<CommandDefinition<ParseArgsOptionsConfig>, 'name' | 'usage'>,
  message: string,
): never {
  process.stderr.write(`${command.name}: ${message}\n\n${command.usage}\n`);
  process.exit(2);
}

/**
 * Stops the command for wrong settings, one `<name>: <line>` each: a flag's value (a line
 * starting `--flag —`) is a mistake of the command line, so the usage follows and the exit code
 * is 2, as for any other; an environment variable's alone exits 1.
 */
export function exitWithSettingsProblems(
  command: Pick<CommandDefinition<ParseArgsOptionsConfig>, 'name' | 'usage'>,
  lines: readonly string[],
): never {
  const text = lines.map((line) => `${command.name}: ${line}\n`).join('');
  if (lines.some((line) => /^--[a-z]/.test(line))) {
    process.stderr.write(`${text}\n${command.usage}\n`);
    process.exit(2);
  }
  process.stderr.write(text);
  process.exit(1);
}
