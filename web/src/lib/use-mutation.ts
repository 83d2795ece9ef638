import { useCallback, useState } from 'react';
import { ApiError, isApiError } from './api';

export type Mutation<A extends unknown[], R> = {
  run(...args: A): Promise<R | undefined>;
  isPending: boolean;
  error: ApiError | undefined;
  reset(): void;
};

/** Wraps a write call: tracks pending state and keeps the ApiError for the form to show. */
export function useMutation<A extends unknown[], R>(action: (...args: A) => Promise<R>): Mutation<A, R> {
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  const run = useCallback(
    async (...args: A) => {
      setIsPending(true);
      setError(undefined);
      try {
        return await action(...args);
      } catch (cause) {
        setError(isApiError(cause) ? cause : new ApiError({ status: 0, code: 'network_error', detail: String(cause) }));
        return undefined;
      } finally {
        setIsPending(false);
      }
    },
    [action],
  );

  const reset = useCallback(() => setError(undefined), []);
  return { run, isPending, error, reset };
}
