/**
 * A mistyped command gets "did you mean" and the corrected command line, as one coded error (exit 2)
 * like every other usage error. oclif's plugin-not-found was tried first: it suggests only inside an
 * interactive yes/no prompt, so scripts and CI saw no suggestion at all, and under our space topic
 * separator it compared the whole line (`generat specs/x.yaml`) against command names.
 */
import type { Hook } from '@oclif/core';
import { closest } from '../config/suggest.js';
import { EXIT_CANNOT_RUN } from '../cli/base-command.js';

const hook: Hook<'command_not_found'> = async function (options) {
  const words = options.id.split(':');
  const commands = options.config.commands.filter((c) => !c.hidden).flatMap((c) => [c.id, ...c.aliases]).map((id) => id.split(':'));
  // Inside a real topic (`sync rnu`), the mistake is the subcommand; otherwise it is the first word.
  const topic = words.length > 1 && commands.some((c) => c.length > 1 && c[0] === words[0]) ? words[0] : undefined;
  const wanted = topic ? words[1]! : words[0]!;
  const known = topic ? commands.filter((c) => c[0] === topic && c.length > 1).map((c) => c[1]!) : commands.map((c) => c[0]!);
  const rest = [...words.slice(topic ? 2 : 1), ...(options.argv ?? [])];
  const bin = options.config.bin;
  const written = [topic, wanted].filter(Boolean).join(' ');
  const near = closest(wanted, known).map((name) => [topic, name].filter(Boolean).join(' '));
  const suggestion = near.length > 0 ? `did you mean ${near.map((name) => `"${name}"`).join(' or ')}?` : undefined;
  const best = closest(wanted, known, 1)[0];
  process.stderr.write(`error CG_UNKNOWN_COMMAND "${written}" is not a ${bin} command${suggestion ? `; ${suggestion}` : ''}\n`);
  process.stderr.write(
    best
      ? `  Try this: ${[bin, topic, best, ...rest].filter(Boolean).join(' ')}\n`
      : `  Try this: ${bin} help${topic ? ` ${topic}` : ''} lists the commands\n`,
  );
  this.exit(EXIT_CANNOT_RUN);
};

export default hook;
