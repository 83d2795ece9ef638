import { requirePermission } from '../../kernel/access/actor.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { addTimeline, lockCase } from './cases.repository.ts';
import { presentAttachment } from './cases.presenter.ts';
import type { AttachmentInput } from './cases.schema.ts';
import { actorName, fieldError } from './helpers.ts';
import { RULES } from './rules.ts';

const MB = 1024 * 1024;

/**
 * Records an attachment's metadata on a case (name, type, size, SHA-256). There is no file storage
 * yet: the file itself stays with the sender. Checks run before anything is written, so an oversized
 * or unaccepted file leaves no trace but the error.
 */
export async function addAttachment(p: Platform, ctx: RequestContext, caseId: string, input: AttachmentInput) {
  requirePermission(ctx.actor, 'dv_cases.write');
  const { maxBytes, contentTypes } = RULES.attachments;
  if (input.sizeBytes > maxBytes)
    throw new AppError(
      'payload_too_large',
      `The file "${input.name}" is ${(input.sizeBytes / MB).toFixed(1)} MB; the limit is ${maxBytes / MB} MB. Nothing was saved.`,
      { params: { maxBytes, sizeBytes: input.sizeBytes } },
    );
  if (!contentTypes.includes(input.contentType.toLowerCase()))
    throw fieldError('body.contentType', `Accepted types: ${contentTypes.join(', ')}`, 'content_type_not_allowed');
  return p.db.transaction().execute(async (tx) => {
    const c = await lockCase(tx, ctx.actor, caseId);
    if (!c) throw notFound('case');
    const a = await tx
      .insertInto('dv_attachments')
      .values({
        case_id: caseId,
        region_code: c.region_code,
        name: input.name,
        content_type: input.contentType.toLowerCase(),
        size_bytes: input.sizeBytes,
        sha256: input.sha256.toLowerCase(),
        created_by: actorName(ctx.actor),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await addTimeline(tx, {
      case_id: caseId,
      kind: 'attachment',
      summary: `Attachment recorded: ${input.name}`,
      actor: actorName(ctx.actor),
      details: { attachmentId: a.id },
      params: { name: input.name, sizeBytes: input.sizeBytes },
    });
    await recordAudit(tx, ctx, {
      action: 'dv_attachment.create',
      resourceType: 'dv_case',
      resourceId: caseId,
      regionCode: c.region_code,
      details: { attachmentId: a.id, contentType: a.content_type, sizeBytes: input.sizeBytes, sha256: a.sha256 },
    });
    return presentAttachment(a);
  });
}
