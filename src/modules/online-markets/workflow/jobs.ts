import type { JobDef } from '../../../kernel/jobs/jobs.ts';
import type { Platform } from '../../../kernel/platform.ts';

/** Capture, analysis, mirror discovery and scheduled re-check jobs. */
export function workflowJobs(p: Platform): JobDef[] {
  void p;
  return [];
}
