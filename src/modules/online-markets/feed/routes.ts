import type { HttpApp } from '../../../kernel/http/types.ts';
import type { Platform } from '../../../kernel/platform.ts';

/** The signed ISP blocklist feed and its history. */
export function feedRoutes(app: HttpApp, p: Platform): void {
  void app;
  void p;
}
