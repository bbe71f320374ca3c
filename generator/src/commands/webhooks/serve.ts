import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { ConnectgenError } from '../../diagnostics/errors.js';

export default class WebhooksServe extends BaseCommand {
  static override description =
    'Receive webhooks locally to try an integration: verify each delivery (Standard Webhooks, GitHub, or a configured scheme), print verified events as JSON Lines on stdout and refusals on stderr. With a spec or connector, events it does not declare are answered 202 and flagged.';

  static override examples = [
    'WEBHOOK_SECRET=whsec_... <%= config.bin %> <%= command.id %> specs/webhooks/openapi.yaml --secret-env WEBHOOK_SECRET --port 8787',
    'GH_SECRET=... <%= config.bin %> <%= command.id %> --scheme github --secret-env GH_SECRET',
  ];

  static override args = {
    source: Args.string({ description: 'connector directory, connector.yaml or spec whose webhooks/callbacks name the expected events' }),
  };

  static override flags = {
    'secret-env': Flags.string({ description: 'environment variable holding the signing secret (several: comma-separated, for a rotation)', required: true }),
    port: Flags.integer({ description: 'port to listen on (0: any free port)', default: 8787, min: 0, max: 65535 }),
    host: Flags.string({ description: 'interface to listen on', default: '127.0.0.1' }),
    scheme: Flags.string({ description: 'how deliveries are signed', options: ['standard', 'github'], default: 'standard' }),
    'tolerance-seconds': Flags.integer({ description: 'accepted clock difference for signed timestamps', default: 300, min: 1 }),
    'max-body-bytes': Flags.integer({ description: 'largest body accepted', default: 1024 * 1024, min: 1 }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(WebhooksServe);
    const secret = process.env[flags['secret-env']];
    if (!secret) {
      throw new ConnectgenError('CG_WEBHOOK_NO_SECRET', `environment variable ${flags['secret-env']} is not set`, { hint: `export ${flags['secret-env']}=<the signing secret> and run again` });
    }
    const { createWebhookReceiver } = await import('@connectgen/runtime');
    const known = args.source ? new Set(await (await import('../../webhooks/event-names.js')).readEventNames(args.source)) : undefined;
    const print = (event: { type: string; id: string | undefined; timestamp: number | undefined; payload: unknown }): void => {
      process.stdout.write(JSON.stringify({ type: event.type, id: event.id, timestamp: event.timestamp, payload: event.payload }) + '\n');
    };
    const handler = createWebhookReceiver({
      secret: secret.split(',').map((s) => s.trim()).filter(Boolean),
      scheme: flags.scheme as 'standard' | 'github',
      toleranceSeconds: flags['tolerance-seconds'],
      maxBodyBytes: flags['max-body-bytes'],
      ...(known === undefined ? { onEvent: print } : { handlers: Object.fromEntries([...known].map((name) => [name, print])) }),
      log: (entry) => {
        if (entry.status !== 204) process.stderr.write(`${entry.status} ${entry.code ?? ''} ${entry.message}${entry.id ? ` (id ${entry.id})` : ''}\n`);
      },
    });
    const server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(new ConnectgenError('CG_WEBHOOK_LISTEN', `cannot listen on ${flags.host}:${flags.port}: ${error.code ?? error.message}`, { hint: 'pick another --port' })),
      );
      server.listen(flags.port, flags.host, resolve);
    });
    const { port } = server.address() as AddressInfo;
    this.progress(`listening on http://${flags.host}:${port}/ (${flags.scheme} signatures${known ? `, events: ${[...known].join(', ') || 'none declared'}` : ''}); Ctrl-C stops`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        server.closeAllConnections();
        server.close(() => resolve());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  }
}
