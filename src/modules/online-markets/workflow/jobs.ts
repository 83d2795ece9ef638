import { z } from 'zod';
import type { JobDef } from '../../../kernel/jobs/jobs.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { captureResource, runRecheck } from './capture.service.ts';
import { CAPTURE_JOB } from './intake.service.ts';
import { WORKFLOW } from './settings.ts';

const CaptureSchema = z.object({ resourceId: z.uuid() });

/** Capture, analysis, mirror discovery and scheduled re-check jobs. */
export function workflowJobs(p: Platform): JobDef[] {
  const capture: JobDef<typeof CaptureSchema> = {
    name: CAPTURE_JOB,
    description: 'Capture a submitted URL or Telegram channel, store the evidence, re-scan, cluster, follow shop links',
    schema: CaptureSchema,
    retryLimit: 2,
    handler: (data) => captureResource(p, data.resourceId),
  };
  return [
    capture as unknown as JobDef,
    {
      name: 'om.recheck',
      description: 'Re-check published and blocked resources; retry captures that never ran',
      schema: z.object({}).passthrough(),
      cron: WORKFLOW.recheckCron,
      retryLimit: 0,
      handler: () => runRecheck(p),
    },
  ];
}
