// A loaded machine for a browser test: one busy process per core, so the browser, the server and the test share the CPU
// with work they cannot see (as on a laptop running other things, or CI running test files side by side). Timing
// defects that a quiet machine hides (an event landing between a key and the editor it opens) then show.
import { spawn } from 'node:child_process';
import os from 'node:os';

export function loadTheMachine(): { stop: () => Promise<void> } {
  const busy = Array.from({ length: os.availableParallelism() }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  return {
    stop: async () => {
      await Promise.all(
        busy.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      );
    },
  };
}
