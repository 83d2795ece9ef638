import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type Column<T> = {
  key: string;
  header: string;
  render(row: T): ReactNode;
  /** Numbers read best right-aligned. */
  isNumeric?: boolean;
};

type DataTableProps<T> = {
  caption: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey(row: T): string;
  isLoading?: boolean;
  emptyText?: string;
};

/** A plain, accessible table: caption, header cells with scope, horizontal scroll on narrow screens. */
export function DataTable<T>({ caption, columns, rows, rowKey, isLoading = false, emptyText }: DataTableProps<T>) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="data-table" aria-busy={isLoading}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.isNumeric ? 'num' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows?.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.key} className={column.isNumeric ? 'num' : undefined}>
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
          {rows && rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="empty">
                {emptyText ?? t('common.empty')}
              </td>
            </tr>
          )}
          {!rows && isLoading && (
            <tr>
              <td colSpan={columns.length} className="empty" role="status">
                {t('common.loading')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
