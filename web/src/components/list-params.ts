import { useSearchParams } from 'react-router';

/** Reads a list page's filters and page number from the URL query string. */
export function useListParams<K extends string>(
  filterNames: readonly K[],
): {
  filters: Record<K, string>;
  page: number;
} {
  const [params] = useSearchParams();
  const filters = {} as Record<K, string>;
  for (const name of filterNames) filters[name] = params.get(name) ?? '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  return { filters, page };
}
