import type { HttpApp } from '../../../kernel/http/types.ts';
import type { Platform } from '../../../kernel/platform.ts';

/** Intake, queue, resources, shops, review and blocking decisions, public citizen report. */
export function workflowRoutes(app: HttpApp, p: Platform): void {
  void app;
  void p;
}
