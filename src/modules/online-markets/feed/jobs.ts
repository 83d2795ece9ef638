import type { JobDef } from '../../../kernel/jobs/jobs.ts';
import type { Platform } from '../../../kernel/platform.ts';

/** Feed regeneration job. */
export function feedJobs(p: Platform): JobDef[] {
  void p;
  return [];
}
