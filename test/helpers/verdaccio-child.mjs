// A Verdaccio registry in its own process (so its logger and express app stay out of the test
// worker): listens on 127.0.0.1, an ephemeral port, and prints `{"port":N}` once it accepts requests.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { runServer } = require('verdaccio');
const server = await runServer(process.argv[2]);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
