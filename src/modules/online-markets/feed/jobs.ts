import { z } from 'zod';
import type { JobDef } from '../../../kernel/jobs/jobs.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { FEED_JOB } from './feed.service.ts';
import { regenerateFeed } from './regenerate.ts';

const FeedJobSchema = z.object({ reason: z.string().max(100).optional() });

/**
 * Feed regeneration: sent (debounced) by every approve/restore decision, and every five minutes by
 * cron as a safety net. Each run recomputes the feed from the resources' state, so extra runs only
 * find nothing to change.
 */
export function feedJobs(p: Platform): JobDef[] {
  const def: JobDef<typeof FeedJobSchema> = {
    name: FEED_JOB,
    description: 'Build and sign a new ISP blocklist feed version when blocking decisions changed it',
    schema: FeedJobSchema,
    cron: '*/5 * * * *',
    retryLimit: 5,
    retryDelaySeconds: 10,
    handler: async () => {
      const r = await regenerateFeed(p);
      return { version: r.version, added: r.added, removed: r.removed, published: r.published, skipped: r.skipped.length };
    },
  };
  return [def as unknown as JobDef];
}
