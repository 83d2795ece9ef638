/**
 * The database's table types. Each module adds its own tables by declaration merging:
 *
 *   declare module '../../kernel/db/schema.ts' { interface Database { my_table: MyTable } }
 *
 * so that one Kysely instance is typed for every table while each module owns its own declarations.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
