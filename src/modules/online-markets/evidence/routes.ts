import type { HttpApp } from '../../../kernel/http/types.ts';
import type { Platform } from '../../../kernel/platform.ts';

/** Evidence: list a resource's captures, open one artefact, export a court package. */
export function evidenceRoutes(app: HttpApp, p: Platform): void {
  void app;
  void p;
}
