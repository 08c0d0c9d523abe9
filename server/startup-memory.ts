// The idle server's memory (issue 18): starting up (loading modules, checking migrations) allocates in bursts, and V8
// grows its young generation to its largest (two 16 MB semi-spaces) on the way, then keeps it, touched, for ever: about
// 12 MB of an idle server's resident memory. So the launcher (scripts/start.mjs, and the primary for each worker)
// starts Node with the young generation held at its first size, and the server lets it grow as usual once it listens:
// under load it grows back within a few requests (measured: the same CPU for 1,100 requests, 12 MB less at idle).
// Left alone when whoever runs Node sized it (--max-semi-space-size, --semi-space-growth-factor).
import v8 from 'node:v8';

/** The flag that holds the young generation while starting. */
export const HOLD_YOUNG_GENERATION = '--semi-space-growth-factor=1';
/** V8's own default, given back once the server listens. */
const RELEASE_YOUNG_GENERATION = '--semi-space-growth-factor=2';

/** Whether Node was started with its own young-generation sizing, which is then left as it is. */
export function youngGenerationSizedByUser(): boolean {
  return [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes('semi-space'));
}

/** Let the young generation grow again (the server is listening). */
export function releaseYoungGeneration(): void {
  if (!youngGenerationSizedByUser()) v8.setFlagsFromString(RELEASE_YOUNG_GENERATION);
}
