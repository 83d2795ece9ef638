import type { HttpApp } from '../../../kernel/http/types.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { intakeRoutes } from './intake.routes.ts';
import { reviewRoutes } from './review.routes.ts';

/** Intake, queue, resources, shops, review and blocking decisions, public citizen report. */
export function workflowRoutes(app: HttpApp, p: Platform): void {
  intakeRoutes(app, p);
  reviewRoutes(app, p);
}
