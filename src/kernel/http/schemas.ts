import { z } from 'zod';

/** RFC 9457 problem details, as every error is answered. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

export const problemResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  429: ProblemSchema,
} as const;

export const LocalizedSchema = z.object({ kk: z.string(), ru: z.string(), en: z.string() }).meta({ id: 'Localized' });

export const RegionCodeSchema = z.string().regex(/^KZ-\d{2}$/, 'Region code like KZ-71');

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** A paged list response of items of the given schema. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const IdParamSchema = z.object({ id: z.uuid() });
