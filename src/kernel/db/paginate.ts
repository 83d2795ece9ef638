import { sql, type SelectQueryBuilder } from 'kysely';

export type Paged<R> = { rows: R[]; total: number };

/**
 * One round trip for a page and the total: the total rides along as a window count. Only when the
 * page is empty (past the end) does a second query count the rows.
 */
export async function paginate<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: number,
  pageSize: number,
): Promise<Paged<O>> {
  const rows = (await query
    .select(sql<number>`count(*) over ()`.as('__total'))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()) as (O & { __total: number | string })[];
  if (rows.length === 0) {
    if (page === 1) return { rows: [], total: 0 };
    const c = await query
      .clearSelect()
      .clearOrderBy()
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirst();
    return { rows: [], total: Number((c as { n?: number } | undefined)?.n ?? 0) };
  }
  const total = Number(rows[0]!.__total);
  return { rows: rows.map(({ __total: _t, ...r }) => r as O), total };
}
