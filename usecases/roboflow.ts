// What Roboflow's own Python package (1.7.3) reads, answered from Tessera's data: its key check, the
// workspace and project it loads, `/dataset/:project/upload` and `/dataset/:project/annotate/:image`.
// Fields Tessera has no meaning for get the documented values of README "Coming from Roboflow".
import { parseRoboflowAnnotation, type Labelmap } from '../domain/roboflow-annotations';
import type { ProjectType } from '../domain/annotations';
import type { Actor, AppContext } from './context';
import { AppError, conflict, invalid, notFound } from './errors';
import { saveAnnotation } from './labeling';
import { loadProject } from './projects';
import { uploadImages, type UploadedFile } from './uploads';

type ProjectRecord = Awaited<ReturnType<typeof loadProject>>;

const epochSeconds = (d: Date | undefined) => Math.floor((d?.getTime() ?? 0) / 1000);

/**
 * A project as the package's `Project` reads it. `images` counts every image of the project (its batches'
 * counters), `unannotated` those not yet in the dataset, `splits` the dataset per split. Per-class counts
 * are not kept, so `classes` maps each class to null.
 */
function roboflowProject(p: ProjectRecord, images: number) {
  const inDataset = p.datasetCount ?? 0;
  return {
    id: `${p.workspace}/${p.slug}`, name: p.name, type: p.type, annotation: p.name,
    classes: Object.fromEntries(p.classes.map((c) => [c, null])), colors: {},
    created: epochSeconds(p.createdAt), updated: epochSeconds(p.updatedAt),
    images, unannotated: Math.max(0, images - inDataset),
    splits: { train: p.splitCounts?.train ?? 0, valid: p.splitCounts?.valid ?? 0, test: p.splitCounts?.test ?? 0 },
    public: false, multilabel: false,
  };
}

/** Images per project, from the batches' counters (the Batch collection is small beside the images). */
async function imagesPerProject(ctx: AppContext, filter: { workspace: string; project?: string }) {
  const batches = await ctx.models.Batch.find(filter, { project: 1, numImages: 1 }).lean();
  const total = new Map<string, number>();
  for (const b of batches) total.set(b.project, (total.get(b.project) ?? 0) + Math.max(0, b.numImages ?? 0));
  return total;
}

async function workspaceHeader(ctx: AppContext, actor: Actor) {
  const ws = await ctx.models.Workspace.findById(actor.workspace).lean();
  return { id: actor.workspace, name: ws?.name ?? actor.workspace, url: actor.workspace };
}

/** `POST /api/` — the package's key check: which workspace the key belongs to. */
export function keyCheck(actor: Actor) {
  return { workspace: actor.workspace };
}

/** `rf.workspace()`: the workspace with its projects. */
export async function roboflowWorkspace(ctx: AppContext, actor: Actor) {
  const [header, projects, images] = await Promise.all([
    workspaceHeader(ctx, actor),
    ctx.models.Project.find({ workspace: actor.workspace }).sort({ createdAt: 1 }).lean(),
    imagesPerProject(ctx, { workspace: actor.workspace }),
  ]);
  return { workspace: { ...header, projects: projects.map((p) => roboflowProject(p, images.get(p.slug) ?? 0)) } };
}

/** `workspace.project(id)`: the project, its workspace, and its dataset versions (none are kept yet). */
export async function roboflowProjectInfo(ctx: AppContext, actor: Actor, slug: string) {
  const project = await loadProject(ctx, actor, slug);
  const [header, images] = await Promise.all([workspaceHeader(ctx, actor), imagesPerProject(ctx, { workspace: actor.workspace, project: project.slug })]);
  return { workspace: header, project: roboflowProject(project, images.get(project.slug) ?? 0), versions: [] };
}

export interface RoboflowUploadQuery { batch?: string; image?: string }

/**
 * `project.upload(…)`: one image into the batch it names (made when absent). The answer is Roboflow's:
 * `{success, id}` for a new image, `{duplicate, id}` for one the project already has.
 */
export async function roboflowUpload(ctx: AppContext, actor: Actor, slug: string, files: UploadedFile[], query: RoboflowUploadQuery) {
  if (query.image !== undefined) throw invalid('image', 'Tessera does not fetch hosted images; upload the file itself');
  const upload = await uploadImages(ctx, actor, slug, files, query.batch);
  const image = upload.images![0]!;
  const batch = upload.batch!;
  return image.duplicate ? { duplicate: true, id: image.id, batch } : { success: true, id: image.id, batch };
}

export interface RoboflowAnnotateQuery { name: string; prediction?: boolean }
export interface RoboflowAnnotateBody { annotationFile: string; labelmap?: Labelmap }

/**
 * `project.save_annotation(…)`: the file is read into Tessera's annotations and submitted in the job the
 * image is in, as its labeler would (`prediction=true` saves it as a draft instead: a pre-label). An
 * image in no job has nowhere to be labeled yet (409).
 */
export async function roboflowAnnotate(ctx: AppContext, actor: Actor, slug: string, imageId: string, query: RoboflowAnnotateQuery, body: RoboflowAnnotateBody) {
  const project = await loadProject(ctx, actor, slug);
  const image = await ctx.models.Image.findById(imageId).lean();
  if (!image || image.workspace !== actor.workspace || image.project !== project.slug) throw notFound(`image ${imageId}`);
  if (!image.jobId) throw conflict(`image ${imageId} is in no job; create a job from its batch to annotate it`);
  const parsed = parseRoboflowAnnotation(query.name, body.annotationFile, body.labelmap, { type: project.type as ProjectType, image });
  if ('problem' in parsed) throw new AppError('invalid_input', `annotationFile: ${parsed.problem}`, { fields: [{ path: 'annotationFile', message: parsed.problem }] });
  const saved = await saveAnnotation(ctx, actor, project.slug, image.jobId, imageId, { annotations: parsed.annotations, draft: query.prediction === true });
  return { success: true, id: imageId, job: image.jobId, version: saved.version, draft: saved.draft, annotations: parsed.annotations.length };
}
