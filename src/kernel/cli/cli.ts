import cliProgress from 'cli-progress';
import type { z } from 'zod';

/** A CLI error: printed as one clear line, exit code 2 for bad input, 1 for failures. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Validates CLI input with the same zod contract as the API; bad input ends with a clear message. */
export function parseOrExit<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `  ${i.path.join('.') || '(input)'}: ${i.message}`);
  throw new CliError(`Invalid input:\n${lines.join('\n')}`);
}

export type Progress = { update(done: number, total?: number): void; stop(): void };

/** A progress bar on a terminal, periodic lines otherwise (CI logs, pipes). */
export function progress(label: string, total: number): Progress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% {value}/{total} eta {eta}s`, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return {
      update: (d, t) => {
        if (t !== undefined) bar.setTotal(t);
        bar.update(d);
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update: (d, t) => {
      const now = Date.now();
      if (now - last > 2000) {
        last = now;
        process.stderr.write(`${label}: ${d}/${t ?? total}\n`);
      }
    },
    stop: () => undefined,
  };
}
