import { requirePermission } from '../../../kernel/access/actor.ts';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { notFound } from '../../../kernel/errors.ts';
import type { RequestContext } from '../../../kernel/http/types.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { buildPackage } from './package.ts';
import { artefactFileName, presentArtefact } from './presenter.ts';
import { artefactsWithContent, findResource, getArtefact, listArtefacts } from './repository.ts';

const PERMISSION = 'om.evidence';

/** A resource's artefacts (metadata and hashes, no bytes); the view is audited. */
export async function listEvidence(p: Platform, ctx: RequestContext, resourceId: string) {
  requirePermission(ctx.actor, PERMISSION);
  return p.db.transaction().execute(async (tx) => {
    const resource = await findResource(tx, resourceId);
    if (!resource) throw notFound('resource');
    const rows = await listArtefacts(tx, resourceId);
    await recordAudit(tx, ctx, {
      action: 'om_evidence.list',
      resourceType: 'om_resource',
      resourceId,
      details: { artefacts: rows.length },
    });
    return { items: rows.map(presentArtefact) };
  });
}

/** One artefact's bytes, content type, file name and SHA-256; the opening is audited. */
export async function openEvidence(p: Platform, ctx: RequestContext, evidenceId: string) {
  requirePermission(ctx.actor, PERMISSION);
  return p.db.transaction().execute(async (tx) => {
    const row = await getArtefact(tx, evidenceId);
    if (!row) throw notFound('evidence');
    await recordAudit(tx, ctx, {
      action: 'om_evidence.read',
      resourceType: 'om_resource',
      resourceId: row.resource_id,
      details: { evidenceId, kind: row.kind, sha256: row.sha256, size: row.size },
    });
    return { content: Buffer.from(row.content), contentType: row.content_type, fileName: artefactFileName(row), sha256: row.sha256 };
  });
}

/** The court package of a resource (zip: manifest, checksums, artefacts); the export and its hashes are audited. */
export async function exportEvidencePackage(p: Platform, ctx: RequestContext, resourceId: string) {
  requirePermission(ctx.actor, PERMISSION);
  return p.db.transaction().execute(async (tx) => {
    const resource = await findResource(tx, resourceId);
    if (!resource) throw notFound('resource');
    const rows = await artefactsWithContent(tx, resourceId);
    const exportedAt = new Date();
    const pkg = buildPackage(resource, rows, ctx.actor.username, exportedAt);
    await recordAudit(tx, ctx, {
      action: 'om_evidence.export',
      resourceType: 'om_resource',
      resourceId,
      details: {
        artefacts: pkg.artefactCount,
        evidenceIds: rows.map((r) => r.id),
        manifestSha256: pkg.manifestSha256,
        packageSha256: pkg.packageSha256,
        exportedAt: exportedAt.toISOString(),
      },
    });
    const stamp = exportedAt.toISOString().slice(0, 10);
    return { zip: pkg.zip, fileName: `evidence-${resourceId.slice(0, 8)}-${stamp}.zip`, sha256: pkg.packageSha256 };
  });
}
