import type { Migration } from '../../../kernel/db/migrator.ts';

/** Evidence tables (immutable captures); they follow the core tables of workflow/migrations.ts. */
export const evidenceMigrations: Migration[] = [];
