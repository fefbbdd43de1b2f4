// Request bodies. Strict objects: an unknown field is an error, so nobody can set `status` or `role`.
import { z } from 'zod';
import { projectTypes } from '../domain/annotations';
import { roles } from '../domain/roles';

const email = z.email().max(254).transform((e) => e.toLowerCase());
const name = z.string().trim().min(1).max(200);

export const addMemberBody = z.strictObject({ email, role: z.enum(roles), name: name.optional() });

export const updateMemberBody = z.strictObject({ role: z.enum(roles).optional(), name: z.string().trim().max(200).optional() })
  .refine((b) => b.role !== undefined || b.name !== undefined, { message: 'give role or name', path: ['role'] });

export const createKeyBody = z.strictObject({ name: z.string().trim().min(1).max(100) });

export const emailParam = email;

export const keysQuery = z.strictObject({ email: email.optional() });

export const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.iso.datetime().transform((d) => new Date(d)).optional(),
});

export const skipBody = z.strictObject({ reason: z.string().trim().min(1).max(1000).optional() });

export const datasetQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.coerce.number().int().min(0).optional(),
});

/** Words the API uses as path segments beside project ids. */
const reservedProjectIds = ['projects', 'members', 'keys', 'audit', 'me', 'docs', 'openapi.json', 'health'];

const classes = z.array(z.string().trim().min(1).max(100)).min(1).max(1000)
  .refine((c) => new Set(c).size === c.length, 'classes must be unique');

export const createProjectBody = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, 1-63 chars')
    .refine((id) => !reservedProjectIds.includes(id), 'this id is reserved'),
  name,
  type: z.enum(projectTypes),
  classes,
});

export const updateProjectBody = z.strictObject({ name: name.optional(), classes: classes.optional() })
  .refine((b) => b.name !== undefined || b.classes !== undefined, { message: 'give name or classes', path: ['name'] });

export const createBatchBody = z.strictObject({
  name,
  priority: z.number().int().min(1).max(5),
  imageIds: z.array(z.string().min(1).max(64)).min(1).max(100_000).optional(),
  sample: z.strictObject({ size: z.number().int().min(1).max(100_000), method: z.enum(['random', 'ordered']) }).optional(),
}).refine((b) => (b.imageIds === undefined) !== (b.sample === undefined), { message: 'give exactly one of imageIds or sample', path: ['imageIds'] });

export const createJobBody = z.strictObject({
  name,
  batch: z.string().min(1).max(64),
  num_images: z.number().int().min(1).max(100_000),
  labelerEmail: email,
  reviewerEmail: email,
  instructions: z.string().max(10_000).optional(),
});

const coordinate = z.number().finite();
export const annotationBody = z.strictObject({
  annotations: z.array(z.strictObject({
    class: z.string().min(1).max(100),
    box: z.strictObject({ x: coordinate, y: coordinate, width: coordinate, height: coordinate }).optional(),
    polygon: z.array(z.tuple([coordinate, coordinate])).max(10_000).optional(),
  })).max(5_000),
  draft: z.boolean().optional(),
});

export const reviewBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().min(1).max(2_000).optional(),
}).refine((r) => r.decision === 'approve' || r.reason !== undefined, { message: 'a rejection needs a reason', path: ['reason'] });
