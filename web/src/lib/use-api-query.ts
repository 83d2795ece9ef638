import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, isApiError } from './api';

export type QueryState<T> = {
  data: T | undefined;
  error: ApiError | undefined;
  isLoading: boolean;
  /** Fetches again, keeping the current data on screen meanwhile. */
  reload(): void;
};

type QueryOptions = {
  /** Poll every so many milliseconds (the jobs page). */
  refreshMs?: number;
  /** A 403 on a page's own data opens the permission-denied page; helpers (reference lists) opt out. */
  redirectOnForbidden?: boolean;
};

/** GETs `path` (skipped when null) and refetches when it changes. */
export function useApiQuery<T>(path: string | null, options: QueryOptions = {}): QueryState<T> {
  const { refreshMs, redirectOnForbidden = true } = options;
  const navigate = useNavigate();
  // useNavigate's identity follows the location; a ref keeps it from re-triggering the fetch.
  const navigateRef = useRef(navigate);
  useEffect(() => {
    navigateRef.current = navigate;
  }, [navigate]);
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [isLoading, setIsLoading] = useState(path !== null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setIsLoading(true);
    api
      .get<T>(path, controller.signal)
      .then((result) => {
        setData(result);
        setError(undefined);
      })
      .catch((cause: unknown) => {
        if (controller.signal.aborted) return;
        const failure = isApiError(cause) ? cause : new ApiError({ status: 0, code: 'network_error' });
        if (failure.status === 403 && redirectOnForbidden) {
          void navigateRef.current('/forbidden', { replace: true, state: { from: window.location.pathname } });
          return;
        }
        setError(failure);
      })
      .finally(() => {
        if (!controller.signal.aborted) setIsLoading(false);
      });
    return () => controller.abort();
  }, [path, generation, redirectOnForbidden]);

  useEffect(() => {
    if (!refreshMs || path === null) return;
    const timer = window.setInterval(() => setGeneration((value) => value + 1), refreshMs);
    return () => window.clearInterval(timer);
  }, [refreshMs, path]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, isLoading, reload };
}
