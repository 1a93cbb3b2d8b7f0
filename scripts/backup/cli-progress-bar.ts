import { Presets, SingleBar } from 'cli-progress';
import type { Progress } from './write-backup';

/** cli-progress on standard error (standard output keeps the summary); it draws nothing where there is no terminal. */
export function progressBar(verb: string): Progress {
  let bar: SingleBar | undefined;
  return {
    start(total, label) {
      bar = new SingleBar({ format: `${verb} [{bar}] {value}/{total} ${label}`, hideCursor: true, stream: process.stderr }, Presets.shades_classic);
      bar.start(total, 0);
    },
    advance(by = 1) {
      bar?.increment(by);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
