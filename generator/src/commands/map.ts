import { Args, Flags } from '@oclif/core';
import { BaseCommand, EXIT_FINDINGS } from '../cli/base-command.js';
import { ConnectgenError } from '../diagnostics/errors.js';
import { readRecords } from '../map/records.js';

export default class Map extends BaseCommand {
  static override description =
    'Map records with a field mapping (YAML or JSON): mapped records go to stdout as JSON Lines, field errors and a count summary to stderr. Exit 1 when any record failed.';

  static override examples = [
    '<%= config.bin %> <%= command.id %> specs/mapping/contacts.yaml specs/mapping/contacts.json',
    'cat export.jsonl | <%= config.bin %> <%= command.id %> mapping.yaml > mapped.jsonl',
    '<%= config.bin %> <%= command.id %> mapping.yaml records.jsonl --errors-json 2> errors.jsonl',
  ];

  static override args = {
    mapping: Args.string({ description: 'mapping file (YAML or JSON, a `mappings:` list)', required: true }),
    records: Args.string({ description: 'records: a .json array, .jsonl lines, or - for stdin (the default)', default: '-', ignoreStdin: true }),
  };

  static override flags = {
    'errors-json': Flags.boolean({ description: 'print field errors as JSON Lines on stderr ({ record, errors }) instead of text' }),
    quiet: Flags.boolean({ char: 'q', description: 'no count summary' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Map);
    const { compileMapping, loadMapping, MappingDefinitionError } = await import('@connectgen/runtime');
    let map;
    try {
      map = compileMapping(await loadMapping(args.mapping));
    } catch (error) {
      if (error instanceof MappingDefinitionError) {
        throw new ConnectgenError(error.code, error.message.replace(/^\S+ at \S+ /, ''), { file: args.mapping, pointer: error.pointer, ...(error.hint ? { hint: error.hint } : {}) });
      }
      if ((error as { code?: string }).code === 'ENOENT') throw new ConnectgenError('CG_LOAD_NOT_FOUND', `cannot read ${args.mapping}`, { hint: 'check the path of the mapping file' });
      throw error;
    }
    let total = 0;
    let failed = 0;
    const out: string[] = [];
    const flush = (): void => {
      if (out.length) process.stdout.write(out.join(''));
      out.length = 0;
    };
    try {
      for await (const item of readRecords(args.records)) {
        total++;
        if ('parseError' in item) {
          failed++;
          this.#reportErrors(flags['errors-json'], item.at, [{ target: '', source: undefined, value: undefined, rule: 'json', message: item.parseError }]);
          continue;
        }
        const result = map(item.record);
        if (result.ok) out.push(JSON.stringify(result.value) + '\n');
        else {
          failed++;
          this.#reportErrors(flags['errors-json'], item.at, result.errors);
        }
        if (out.length >= 256) flush();
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') throw new ConnectgenError('CG_LOAD_NOT_FOUND', `cannot read ${args.records}`, { hint: 'check the path of the records file, or pipe records to stdin' });
      throw error;
    }
    flush();
    if (!flags.quiet) process.stderr.write(`${total - failed} of ${total} records mapped, ${failed} failed\n`);
    if (failed > 0) this.exit(EXIT_FINDINGS);
  }

  #reportErrors(json: boolean, at: number, errors: ReadonlyArray<{ target: string; source: string | undefined; value: unknown; rule: string; message: string }>): void {
    if (json) {
      process.stderr.write(JSON.stringify({ record: at, errors }) + '\n');
      return;
    }
    for (const e of errors) {
      const source = e.source === undefined ? '' : ` from ${e.source} = ${JSON.stringify(e.value) ?? 'undefined'}`;
      process.stderr.write(`record ${at}: ${e.rule} ${e.target || '(record)'}${source}: ${e.message}\n`);
    }
  }
}
