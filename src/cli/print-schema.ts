import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printCommittedSchema } from '../schema/print.ts';

// Writes schema.graphql at the repository root; a test fails when the committed file drifts.
const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
writeFileSync(target, printCommittedSchema());
console.log(`Wrote ${target}`);
