import type { TrainProgress } from '../model/trainModel';

/** A one-line progress bar on stderr when it is a terminal; silent otherwise (scripts and CI). */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): (p: TrainProgress) => void {
  if (!stream.isTTY) return () => undefined;
  return (p) => {
    const width = 30;
    const filled = Math.round((p.done / Math.max(p.total, 1)) * width);
    stream.write(`\r${p.phase.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}`);
    if (p.done >= p.total && p.phase === 'final') stream.write('\n');
  };
}
