import { can, inScope, type Actor } from '../../kernel/access/actor.ts';
import type { SettlementRow } from './settlements.repository.ts';
import type { SettlementDetail, SettlementView } from './settlements.schema.ts';

const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

export function presentSettlement(r: SettlementRow, actor: Actor): SettlementView {
  return {
    id: r.id,
    name: r.name,
    regionCode: r.region_code,
    district: r.district,
    status: r.status as SettlementView['status'],
    population: r.population,
    activists: r.activists,
    joinedOn: day(r.joined_on),
    version: r.version,
    isSynthetic: r.is_synthetic,
    abilities: { canEdit: can(actor, 'settlements.write') && inScope(actor, r.region_code) },
  };
}

export function presentSettlementDetail(r: SettlementRow, actor: Actor): SettlementDetail {
  return {
    ...presentSettlement(r, actor),
    notes: r.notes,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
