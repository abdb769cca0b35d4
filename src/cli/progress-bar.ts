import type { WriteStream } from 'node:tty';

/**
 * A one-line progress bar for long start-up steps. On a terminal it redraws in place; elsewhere
 * (logs, CI) it prints a line at every tenth of the way so the log stays short.
 */
export function createProgressBar(stream: NodeJS.WriteStream | WriteStream) {
  const interactive = Boolean(stream.isTTY);
  let lastDecile = -1;
  let drawn = false;
  return {
    update: (done: number, total: number, label: string) => {
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      if (interactive) {
        const width = 30;
        const filled = Math.round(fraction * width);
        const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
        stream.write(
          `\r[${bar}] ${(fraction * 100).toFixed(0).padStart(3)}% ${label.padEnd(24).slice(0, 24)}`,
        );
        drawn = true;
        return;
      }
      const decile = Math.floor(fraction * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`  ${(fraction * 100).toFixed(0)}% ${label}\n`);
      }
    },
    done: () => {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
