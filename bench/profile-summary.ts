/**
 * Summarizes a V8 `.cpuprofile` (node --cpu-prof): self time by package (or source area) and the
 * top functions by self time, so the read path's costs can be compared between builds.
 *
 *   node_modules/.bin/tsx bench/profile-summary.ts /tmp/prof/CPU.*.cpuprofile [--top 40]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile [--top N]');
const topIndex = process.argv.indexOf('--top');
const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 40;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

/** `@scope/pkg` or `pkg` for node_modules, `src/<dir>` for our code, `(node)` for internals. */
function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? url);
  }
  const src = url.indexOf('/src/');
  if (src >= 0) {
    return url
      .slice(src + 1)
      .split('/')
      .slice(0, 2)
      .join('/');
  }
  if (url.startsWith('node:')) return '(node)';
  return url;
}

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const total = [...selfTime.values()].reduce((sum, value) => sum + value, 0);

const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, time] of selfTime) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const area = areaOf(url, functionName);
  byArea.set(area, (byArea.get(area) ?? 0) + time);
  const key = `${functionName || '(anonymous)'} ${area}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + time);
}

const percent = (time: number) => `${((100 * time) / total).toFixed(1).padStart(5)}%`;
const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
console.log(`total sampled: ${(total / 1e6).toFixed(1)} s\n\nself time by area:`);
for (const [area, time] of sorted(byArea).slice(0, 30)) console.log(`${percent(time)}  ${area}`);
console.log('\nself time by function:');
for (const [name, time] of sorted(byFunction).slice(0, top))
  console.log(`${percent(time)}  ${name}`);
