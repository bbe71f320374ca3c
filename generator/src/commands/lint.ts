import { resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { BaseCommand, EXIT_FINDINGS } from '../cli/base-command.js';
import { refFlags, refOptions } from '../cli/ref-flags.js';
import { SEVERITY_RANK, type Severity } from '../diagnostics/diagnostic.js';
import { ConnectgenError } from '../diagnostics/errors.js';
import { writeDocument } from '../emit/write-document.js';
import { loadSpec, parseSpec, resolveSourceArgument } from '../load/index.js';
import { isUrl } from '../load/read-source.js';
import { fixSpec } from '../lint/fix.js';
import { format, FORMATS, type FormatName } from '../lint/formatters/index.js';

export default class Lint extends BaseCommand {
  static override description =
    "Check a Swagger 2.0 or OpenAPI 3.x document with the spectral:oas rules plus connectgen's own (what stops a connector from being generated). Exit code 1 when a finding reaches --fail-severity.";

  static override examples = [
    '<%= config.bin %> <%= command.id %> specs/lint/good/petstore-oas30.json',
    '<%= config.bin %> <%= command.id %> openapi.yaml --format sarif -o lint.sarif',
    '<%= config.bin %> <%= command.id %> openapi.yaml --fail-severity warn --ruleset .spectral.yaml',
    '<%= config.bin %> <%= command.id %> openapi.yaml --fix -o openapi.fixed.yaml',
  ];

  static override args = {
    spec: Args.string({ description: 'Swagger/OpenAPI document (path or http(s) URL), or a connector.yaml whose `spec:` names one', required: true }),
  };

  static override flags = {
    ...refFlags,
    'fail-severity': Flags.string({ char: 'F', description: 'exit 1 when a finding is at least this severe', options: ['error', 'warn', 'info', 'hint'], default: 'error' }),
    fix: Flags.boolean({ description: 'apply safe fixes (trailing slash, missing operationId, missing info.description), then lint the result; writes in place unless -o' }),
    format: Flags.string({ char: 'f', description: 'report format', options: [...FORMATS], default: 'stylish' }),
    json: Flags.boolean({ description: 'same as --format json' }),
    oas: Flags.boolean({ description: 'run the spectral:oas rules as well as connectgen\'s (--no-oas: only connectgen\'s)', default: true, allowNo: true }),
    output: Flags.string({ char: 'o', description: 'write the report to this file; with --fix, write the fixed document here instead' }),
    quiet: Flags.boolean({ char: 'q', description: 'report only findings at or above --fail-severity, and no progress' }),
    ruleset: Flags.string({ char: 'r', description: 'rule settings file (`rules: { CG_NO_SERVER: off, info-contact: warn }`, Spectral style)' }),
    'timeout-ms': Flags.integer({ description: 'give up fetching a URL after this long', default: 30_000, min: 1 }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Lint);
    // Loaded on use: oclif imports every command file at start-up, and Spectral (which the lint
    // config and engine bring) is heavy.
    const [{ loadLintConfig }, { CG_RULES, lintSpec }] = await Promise.all([import('../lint/config.js'), import('../lint/index.js')]);
    const { spec: source, configFile: connector } = await resolveSourceArgument(args.spec, { timeoutMs: flags['timeout-ms'] });
    const config = loadLintConfig({ spec: isUrl(source) ? undefined : resolve(source), ruleset: flags.ruleset, ...(connector ? { connector } : {}) });
    let spec = await loadSpec(source, { timeoutMs: flags['timeout-ms'], maxBytes: flags['max-bytes'] });

    if (flags.fix) {
      if (isUrl(spec.uri) && !flags.output) throw new ConnectgenError('CG_BAD_FLAG', 'cannot fix a URL in place', { hint: 'pass -o <file> to write the fixed document' });
      const result = fixSpec(spec.text, spec.format, spec.document, spec.version);
      const say = (message: string): void => (flags.quiet ? undefined : this.progress(message));
      for (const fix of result.fixed) say(`fixed ${fix.code} ${fix.pointer}: ${fix.message}`);
      for (const skip of result.skipped) say(`not fixed ${skip.code} ${skip.pointer}: ${skip.message}`);
      const target = flags.output ?? spec.uri;
      if (result.fixed.length > 0 || flags.output) {
        const written = await writeDocument(target, result.text);
        say(`wrote ${written} (${result.fixed.length} fix${result.fixed.length === 1 ? '' : 'es'})`);
        spec = parseSpec(result.text, written);
      }
    }

    const failAt = SEVERITY_RANK[flags['fail-severity'] as Severity];
    const found = await lintSpec(spec, { rules: config.rules, oas: flags.oas, refs: { timeoutMs: flags['timeout-ms'], ...refOptions(flags) } });
    const shown = flags.quiet ? found.filter((d) => SEVERITY_RANK[d.severity] <= failAt) : found;
    const name = (flags.json ? 'json' : flags.format) as FormatName;
    const toFile = flags.output !== undefined && !flags.fix;
    const report = format(name, shown, {
      color: !toFile && process.stdout.isTTY === true && !process.env['NO_COLOR'],
      toolVersion: this.config.version,
      describe: (code) => CG_RULES.find((r) => r.code === code)?.description,
    });
    if (toFile) await writeDocument(flags.output as string, report);
    else process.stdout.write(report);
    if (found.some((d) => SEVERITY_RANK[d.severity] <= failAt)) this.exit(EXIT_FINDINGS);
  }
}
