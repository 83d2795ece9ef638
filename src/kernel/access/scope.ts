import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from './actor.ts';

/**
 * The region-visibility fragment every repository read of region-owned records must use:
 * national actors see everything, regional actors only their region.
 *
 *   .where(regionScope(actor, 'settlements.region_code'))
 */
export function regionScope(actor: Actor, column: string): Expression<SqlBool> {
  if (actor.regionCode === null) return sql<boolean>`true`;
  return sql<boolean>`${sql.ref(column)} = ${actor.regionCode}`;
}
