import { Args, Flags } from '@oclif/core';
import { BaseCommand, EXIT_FINDINGS } from '../cli/base-command.js';
import { loadConnectorPackage, readCheckConfig } from '../check/connector-package.js';

export default class Check extends BaseCommand {
  static override description =
    "Check a generated connector against the live API: call one cheap read-only action with your credentials and report whether auth works, the status and the latency. Secrets are never printed.";

  static override examples = [
    '<%= config.bin %> <%= command.id %> connectors/petstore --config creds.json',
    '<%= config.bin %> <%= command.id %> ./my-connector --config creds.yaml --json',
  ];

  static override args = {
    dir: Args.string({ description: 'directory of a generated connector package, built (`npm run build` in it)', required: true }),
  };

  static override flags = {
    config: Flags.string({
      char: 'c',
      description:
        'JSON or YAML file with the connector options: { "auth": { "apiKey": "..." } | { "username", "password" } | { "token" } | { "clientId", "clientSecret", "tokens" }, "authScheme", "baseUrl", "serverVariables", "timeoutMs" }',
    }),
    json: Flags.boolean({ description: 'print the result as JSON' }),
    'timeout-ms': Flags.integer({ description: 'give up on the call after this long', default: 15_000, min: 1 }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Check);
    const options = flags.config ? await readCheckConfig(flags.config) : {};
    const connector = await loadConnectorPackage(args.dir);
    const instance = connector.create({ timeoutMs: flags['timeout-ms'], ...options, retry: false });
    let result;
    try {
      result = await instance.testConnection();
    } finally {
      await instance.close();
    }
    if (flags.json) {
      process.stdout.write(JSON.stringify({ connector: connector.name, ...result }, null, 2) + '\n');
    } else {
      const status = result.status === undefined ? 'no response' : `HTTP ${result.status}`;
      process.stdout.write(
        `${result.ok ? 'ok' : 'FAILED'} ${connector.name}: ${result.action} -> ${status} in ${Math.round(result.latencyMs)} ms, auth ${result.auth}\n` +
          (result.error ? `  ${result.error}\n` : ''),
      );
    }
    if (!result.ok) this.exit(EXIT_FINDINGS);
  }
}
