import settings from './data/workflow.json' with { type: 'json' };
import type { Config } from '../../../kernel/config.ts';

/** Thresholds and limits of the workflow (data/workflow.json): data, not code. */
export const WORKFLOW = settings;

export const PLATFORM_DOMAINS: ReadonlySet<string> = new Set(settings.platformDomains);

/** Whether the crawler may reach private addresses (a test setting: TARTIP_CRAWLER_ALLOW_PRIVATE). */
export function crawlerAllowPrivate(config: Config): boolean {
  return config.crawlerAllowPrivate;
}
