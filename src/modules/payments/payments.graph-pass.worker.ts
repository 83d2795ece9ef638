import { parentPort } from 'node:worker_threads';
import { PaymentsEngine } from './engine/engine.ts';
import { graphVerdicts, type GraphReply, type GraphRequest } from './payments.graph-pass.ts';

/** The graph pass's thread: a mirror of the live engine, told the same operations in the same order. */
const engine = new PaymentsEngine({ reorderCapacity: 0 });
const port = parentPort;
if (!port) throw new Error('payments.graph-pass.worker runs as a worker thread');

port.on('message', (m: GraphRequest) => {
  if (m.kind === 'ops') {
    for (const op of m.ops) {
      if ('tx' in op) engine.ingest(op.tx);
      else if ('watch' in op) engine.addWatch(op.watch);
      else engine.useRuleSet(op.ruleSet);
    }
    return;
  }
  try {
    const t0 = performance.now();
    const { accounts, verdicts } = graphVerdicts(engine);
    port.postMessage({ kind: 'pass', id: m.id, ms: performance.now() - t0, accounts, verdicts } satisfies GraphReply);
  } catch (e) {
    port.postMessage({ kind: 'error', id: m.id, message: (e as Error).message } satisfies GraphReply);
  }
});
