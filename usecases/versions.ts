// Dataset versions and their exports: what the API does, free of Express.
import { createHash } from 'node:crypto';
import { recordChange } from '../db/event-log';
import { blobKeys } from '../activities/blob-store';
import { workflowIds } from '../common/temporal';
import { versionIdOf } from '../db/versions';
import { formatProblem, type ExportFormat } from '../domain/export-formats';
import { versionClasses, type Preprocessing } from '../domain/preprocessing';
import type { ProjectType } from '../domain/annotations';
import { buildExport } from '../workflows/build-export';
import { buildVersion } from '../workflows/build-version';
import type { Actor, AppContext } from './context';
import { conflict, invalid, notFound } from './errors';
import { loadProject } from './projects';

type VersionDoc = NonNullable<Awaited<ReturnType<typeof findVersion>>>;
type ExportDoc = NonNullable<Awaited<ReturnType<typeof findExport>>>;
const findVersion = (ctx: AppContext, id: string) => ctx.models.Version.findById(id).lean();
const findExport = (ctx: AppContext, id: string) => ctx.models.Export.findById(id).lean();

function versionView(v: VersionDoc) {
  return {
    id: v.number,
    status: v.status,
    progress: { done: v.done, total: v.total },
    images: v.status === 'ready' ? v.done : null,
    splits: v.status === 'ready' ? { train: v.splits?.train ?? 0, valid: v.splits?.valid ?? 0, test: v.splits?.test ?? 0 } : null,
    classes: v.classes,
    preprocessing: v.preprocessing,
    createdBy: v.createdBy,
    created: v.createdAt?.toISOString(),
  };
}

function exportView(e: ExportDoc, versionNumber: number, project: string) {
  return {
    id: e._id,
    version: versionNumber,
    format: e.format,
    images: e.images,
    status: e.status,
    progress: { done: e.done, total: e.total },
    bytes: e.bytes,
    sha256: e.sha256,
    error: e.error ?? undefined,
    download: e.status === 'ready' ? `/api/${e.workspace}/${project}/versions/${versionNumber}/exports/${e._id}/download` : null,
  };
}

/** Checks the preprocessing against the project's classes, naming the offending field. */
function checkPreprocessing(prep: Preprocessing, classes: string[]) {
  const known = new Set(classes);
  for (const from of Object.keys(prep.classes?.remap ?? {})) {
    if (!known.has(from)) throw invalid(`preprocessing.classes.remap.${from}`, `"${from}" is not one of the project's classes`);
  }
  (prep.classes?.drop ?? []).forEach((c, i) => {
    if (!known.has(c)) throw invalid(`preprocessing.classes.drop.${i}`, `"${c}" is not one of the project's classes`);
  });
  if (versionClasses(classes, prep).length === 0) throw invalid('preprocessing.classes.drop', 'dropping every class leaves nothing to export');
}

/**
 * Numbers a new version of the dataset as it stands now and starts copying it (`buildVersion`). The
 * number and the dataset's extent come from one update of the project, so they agree.
 */
export async function createVersion(ctx: AppContext, actor: Actor, projectSlug: string, input: { preprocessing: Preprocessing }) {
  const project = await loadProject(ctx, actor, projectSlug);
  checkPreprocessing(input.preprocessing, project.classes);
  const numbered = (await ctx.models.Project.findOneAndUpdate({ _id: project._id }, { $inc: { versionSeq: 1 } }, { returnDocument: 'after' }).lean())!;
  const versionId = versionIdOf(actor.workspace, project.slug, numbered.versionSeq);
  await recordChange(
    ctx.models,
    {
      workspace: actor.workspace, project: project.slug, kind: 'version.created', actor: actor.email,
      data: { version: numbered.versionSeq, images: numbered.datasetCount ?? 0 }, check: { model: 'Version', id: versionId },
    },
    () => ctx.models.Version.create({
      _id: versionId, workspace: actor.workspace, project: project.slug, number: numbered.versionSeq, projectType: project.type,
      classes: versionClasses(project.classes, input.preprocessing), preprocessing: input.preprocessing,
      datasetSeq: numbered.datasetSeq ?? 0, total: numbered.datasetCount ?? 0, createdBy: actor.email, status: 'building',
    }),
  );
  await ctx.temporal.workflow.start(buildVersion, {
    workflowId: workflowIds.buildVersion(versionId), taskQueue: ctx.taskQueues.jobs, args: [{ versionId }], workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return versionView((await findVersion(ctx, versionId))!);
}

async function loadVersion(ctx: AppContext, actor: Actor, projectSlug: string, number: string) {
  const project = await loadProject(ctx, actor, projectSlug);
  const version = /^[1-9]\d{0,9}$/.test(number) ? await findVersion(ctx, versionIdOf(actor.workspace, project.slug, Number(number))) : null;
  if (!version) throw notFound(`version ${number}`);
  return { project, version };
}

export async function getVersion(ctx: AppContext, actor: Actor, projectSlug: string, number: string) {
  return versionView((await loadVersion(ctx, actor, projectSlug, number)).version);
}

/** Newest first; every version is a lookup by _id (`…@1` to `…@versionSeq`). */
export async function listVersions(ctx: AppContext, actor: Actor, projectSlug: string) {
  const project = await loadProject(ctx, actor, projectSlug);
  const ids = Array.from({ length: project.versionSeq ?? 0 }, (_, i) => versionIdOf(actor.workspace, project.slug, i + 1));
  const versions = await ctx.models.Version.find({ _id: { $in: ids } }).lean();
  return { versions: versions.sort((a, b) => b.number - a.number).map(versionView) };
}

/** The same version, format and options always name the same export. */
const exportIdOf = (versionId: string, format: ExportFormat, images: boolean) =>
  createHash('sha256').update(`${versionId}\0${format}\0${images ? 'images' : 'labels'}`).digest('hex').slice(0, 24);

/**
 * Asks for an export of a version. One already made (or being made) is answered as it is; a failed one
 * is started over. Answers 200 when the export is ready, 202 while it is being built.
 */
export async function createExport(ctx: AppContext, actor: Actor, projectSlug: string, number: string, input: { format: ExportFormat; images: boolean }) {
  const { project, version } = await loadVersion(ctx, actor, projectSlug, number);
  const problem = formatProblem(input.format, version.projectType as ProjectType, input.images);
  if (problem) throw invalid(input.format === 'folders' && !input.images ? 'images' : 'format', problem);
  if (version.status !== 'ready') throw conflict(`version ${number} is still being made (${version.done} of ${version.total} images); export it once it is ready`);
  const exportId = exportIdOf(version._id, input.format, input.images);
  // Asked for again, the same export is not a new change: only its first request is on the timeline.
  await recordChange(
    ctx.models,
    {
      workspace: actor.workspace, project: project.slug, kind: 'export.created', actor: actor.email, key: `export/${exportId}`,
      data: { version: version.number, format: input.format, images: input.images, export: exportId }, check: { model: 'Export', id: exportId },
    },
    () => ctx.models.Export.updateOne(
      { _id: exportId },
      { $setOnInsert: { workspace: actor.workspace, project: project.slug, versionId: version._id, format: input.format, images: input.images, status: 'building', total: version.done } },
      { upsert: true },
    ),
  );
  await ctx.models.Export.updateOne({ _id: exportId, status: 'failed' }, { $set: { status: 'building', done: 0, error: null } });
  let exp = (await findExport(ctx, exportId))!;
  if (exp.status !== 'ready') {
    // A run under way is joined; a finished one (failed, or ready meanwhile) lets a new run start.
    await ctx.temporal.workflow.start(buildExport, {
      workflowId: workflowIds.buildExport(exportId), taskQueue: ctx.taskQueues.jobs, workflowIdConflictPolicy: 'USE_EXISTING',
      args: [{ exportId, imagesTaskQueue: ctx.taskQueues.images }],
    });
    exp = (await findExport(ctx, exportId))!;
  }
  return { status: exp.status === 'ready' ? 200 : 202, body: exportView(exp, version.number, project.slug) };
}

async function loadExport(ctx: AppContext, actor: Actor, projectSlug: string, number: string, exportId: string) {
  const { project, version } = await loadVersion(ctx, actor, projectSlug, number);
  const exp = await findExport(ctx, exportId);
  if (!exp || exp.versionId !== version._id) throw notFound(`export ${exportId}`);
  return { project, version, exp };
}

export async function getExport(ctx: AppContext, actor: Actor, projectSlug: string, number: string, exportId: string) {
  const { project, version, exp } = await loadExport(ctx, actor, projectSlug, number, exportId);
  return exportView(exp, version.number, project.slug);
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` over a blob of `size` bytes; undefined for anything else (served whole). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start >= size || start > end ? 'unsatisfiable' : { start, end };
}

/**
 * The export's zip with its size, a strong ETag and `Repr-Digest` (both its sha256), and byte ranges
 * (one range per request; `If-Range` with another ETag gets the whole file), so a broken download resumes.
 */
export async function downloadExport(
  ctx: AppContext, actor: Actor, projectSlug: string, number: string, exportId: string, headers: { range?: string; ifRange?: string; ifNoneMatch?: string },
) {
  const { project, version, exp } = await loadExport(ctx, actor, projectSlug, number, exportId);
  if (exp.status !== 'ready') throw conflict(`export ${exportId} is ${exp.status} (${exp.done} of ${exp.total} images)`);
  const etag = `"${exp.sha256}"`;
  const digest = Buffer.from(exp.sha256!, 'hex').toString('base64');
  const common: Record<string, string> = {
    ETag: etag,
    'Accept-Ranges': 'bytes',
    'Repr-Digest': `sha-256=:${digest}:`,
    Digest: `SHA-256=${digest}`,
    'Cache-Control': 'private, max-age=31536000, immutable',
  };
  if (headers.ifNoneMatch?.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return { status: 304, headers: common };
  const size = exp.bytes!;
  const range = headers.ifRange && headers.ifRange.trim() !== etag ? undefined : parseRange(headers.range, size);
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { ...common, 'Content-Range': `bytes */${size}` }, body: { error: { code: 'range_not_satisfiable', message: `the export has ${size} bytes`, details: { bytes: size } } } };
  }
  const blob = await ctx.store.get(blobKeys.exportZip(exportId), range);
  if (!blob) throw notFound(`the zip of export ${exportId}`);
  const fileName = `${project.slug}-v${version.number}-${exp.format}${exp.images ? '' : '-labels'}.zip`;
  const body = {
    ...common,
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="${fileName}"`,
  };
  if (!range) return { status: 200, headers: { ...body, 'Content-Length': String(size) }, stream: blob.stream };
  return {
    status: 206,
    headers: { ...body, 'Content-Length': String(range.end - range.start + 1), 'Content-Range': `bytes ${range.start}-${range.end}/${size}` },
    stream: blob.stream,
  };
}
