// The graph pass's worker thread: TypeScript through tsx, as in the main thread (bin/tartip.mjs), since a
// worker does not inherit a loader registered at run time.
import { register } from 'tsx/esm/api';

register();
await import('./payments.graph-pass.worker.ts');
