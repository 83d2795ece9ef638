import type { Migration } from '../../../kernel/db/migrator.ts';

/** ISP blocklist feed tables; they follow the evidence tables. */
export const feedMigrations: Migration[] = [];
