import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../auth/session-context';
import { RegionTileMap } from '../../charts/region-tile-map';
import { DataTable } from '../../components/data-table';
import { FilterBar } from '../../components/filter-bar';
import { useListParams } from '../../components/list-params';
import { Pagination } from '../../components/pagination';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { withQuery } from '../../lib/api';
import { DV_PROVIDER_KINDS, type DvProvider, type Page } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useRegions } from '../../lib/use-reference';
import { providerKindName, providerStatusName } from './dv-labels';
import { ProviderForm } from './provider-form';

const FILTERS = ['region', 'kind', 'status'] as const;

/** Family Support Centres, NGOs, psychologists, shelters and health services, with open vs planned centres. */
export function RegistryPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const { regions, regionName } = useRegions();
  const { filters, page } = useListParams(FILTERS);
  useDocumentTitle(t('nav.dvRegistry'));
  const can = useCan();
  const canWrite = can('dv_registry.write');
  const [editing, setEditing] = useState<DvProvider | 'new' | null>(null);
  const { data, error, isLoading, reload } = useApiQuery<Page<DvProvider>>(
    withQuery('/api/family-safety/providers', { ...filters, page, pageSize: 50 }),
  );
  // The map counts every centre of the caller's scope, not just the filtered page.
  const centres = useApiQuery<Page<DvProvider>>('/api/family-safety/providers?kind=fsc&pageSize=200');
  const open: Record<string, number> = {};
  const planned: Record<string, number> = {};
  for (const item of centres.data?.items ?? []) {
    open[item.regionCode] = (open[item.regionCode] ?? 0) + (item.status === 'open' ? 1 : 0);
    planned[item.regionCode] = (planned[item.regionCode] ?? 0) + (item.status === 'planned' ? 1 : 0);
  }
  const ownRegion = session.user.region?.code;
  const regionOptions = regions
    .filter((region) => !ownRegion || region.code === ownRegion)
    .map((region) => ({ value: region.code, label: regionName(region.code) }))
    .sort((a, b) => a.label.localeCompare(b.label));

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('nav.dvRegistry')}</h1>
        <p className="muted">{t('dv.registry.intro')}</p>
        {canWrite && editing === null && (
          <button type="button" className="button primary" onClick={() => setEditing('new')}>
            {t('dv.registry.add')}
          </button>
        )}
      </header>
      {editing !== null && (
        <ProviderForm
          key={editing === 'new' ? 'new' : editing.id}
          provider={editing === 'new' ? null : editing}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
          onCancel={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      <p className="banner synthetic" role="note">
        {t('dv.syntheticBanner')}
      </p>
      {centres.data && (
        <div className="dv-charts">
          <RegionTileMap
            legendLabel={t('dv.map.legendCentres')}
            title={t('dv.registry.openMap')}
            values={open}
            regionName={regionName}
            missingIsZero={!ownRegion}
          />
          <RegionTileMap
            legendLabel={t('dv.map.legendCentres')}
            title={t('dv.registry.plannedMap')}
            values={planned}
            regionName={regionName}
            missingIsZero={!ownRegion}
          />
        </div>
      )}
      <FilterBar
        label={t('common.filters')}
        fields={[
          { name: 'region', label: t('dv.field.region'), type: 'select', options: regionOptions },
          {
            name: 'kind',
            label: t('dv.field.kind'),
            type: 'select',
            options: DV_PROVIDER_KINDS.map((value) => ({ value, label: providerKindName(t, value) })),
          },
          {
            name: 'status',
            label: t('dv.field.status'),
            type: 'select',
            options: ['open', 'planned', 'closed'].map((value) => ({ value, label: providerStatusName(t, value) })),
          },
        ]}
      />
      <ProblemMessage error={error} />
      <DataTable
        caption={t('nav.dvRegistry')}
        rows={data?.items}
        rowKey={(row) => row.id}
        isLoading={isLoading}
        columns={[
          { key: 'name', header: t('dv.field.name'), render: (row) => row.name },
          { key: 'kind', header: t('dv.field.kind'), render: (row) => providerKindName(t, row.kind) },
          { key: 'region', header: t('dv.field.region'), render: (row) => regionName(row.regionCode) },
          { key: 'status', header: t('dv.field.status'), render: (row) => providerStatusName(t, row.status) },
          { key: 'services', header: t('dv.field.services'), render: (row) => row.services.join(', ') },
          { key: 'capacity', header: t('dv.field.capacity'), render: (row) => format.number(row.capacity), isNumeric: true },
          { key: 'load', header: t('dv.field.openReferrals'), render: (row) => format.number(row.openReferrals), isNumeric: true },
          { key: 'phone', header: t('dv.field.phone'), render: (row) => row.phone },
          ...(canWrite
            ? [
                {
                  key: 'edit',
                  header: t('common.edit'),
                  render: (row: DvProvider) => (
                    <button type="button" className="button small" onClick={() => setEditing(row)}>
                      {t('common.edit')}
                    </button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {data && <Pagination total={data.total} page={data.page} pageSize={data.pageSize} />}
    </div>
  );
}
