import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { afterAll, expect, it } from 'vitest';
import config from '../codegen.ts';

const COMMITTED = 'src/client/generated/';
let temp: string | undefined;

afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true });
});

it('the committed typed documents match the operations and schema.graphql', async () => {
  temp = await mkdtemp(join(tmpdir(), 'tradegraph-codegen-'));
  const output = config.generates[COMMITTED];
  if (!output) throw new Error(`codegen.ts no longer generates ${COMMITTED}`);
  await generate({ ...config, silent: true, generates: { [`${temp}/`]: output } }, true);
  const fresh = (await readdir(temp)).sort();
  expect((await readdir(COMMITTED)).sort(), 'run npm run codegen').toEqual(fresh);
  for (const file of fresh) {
    const expected = await readFile(join(temp, file), 'utf8');
    const committed = await readFile(join(COMMITTED, file), 'utf8');
    expect(committed === expected, `${COMMITTED}${file} is stale: run npm run codegen`).toBe(true);
  }
}, 30_000);
