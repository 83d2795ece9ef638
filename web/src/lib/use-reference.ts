import { useCallback, useEffect, useState } from 'react';
import { api } from './api';
import type { Organisation, Region } from './api-types';
import { localized } from '../i18n/i18n';
import { useLanguage } from '../i18n/use-language';

// Reference lists change rarely: one request per page load, shared by every component that asks.
const cache = new Map<string, Promise<unknown[]>>();

function useReferenceList<T>(path: string): T[] {
  const [items, setItems] = useState<T[]>([]);
  useEffect(() => {
    let isCurrent = true;
    let pending = cache.get(path);
    if (!pending) {
      pending = api.get<{ items: unknown[] }>(path).then((body) => body.items);
      // A failed load (no reference.read, say) is not cached, and the lists stay empty: names fall back to codes.
      pending.catch(() => cache.delete(path));
      cache.set(path, pending);
    }
    pending.then((list) => isCurrent && setItems(list as T[])).catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [path]);
  return items;
}

/** The 20 regions of Kazakhstan, with a name lookup in the current language (falls back to the code). */
export function useRegions(): { regions: Region[]; regionName(code: string | null | undefined): string } {
  const language = useLanguage();
  const regions = useReferenceList<Region>('/api/reference/regions');
  const regionName = useCallback(
    (code: string | null | undefined) => {
      if (!code) return '';
      const region = regions.find((item) => item.code === code);
      return region ? localized(region.name, language) : code;
    },
    [regions, language],
  );
  return { regions, regionName };
}

/** Agencies and akimats, for organisation pickers. */
export function useOrganisations(): Organisation[] {
  return useReferenceList<Organisation>('/api/reference/organisations');
}
