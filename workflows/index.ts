export { labelingJob } from './labeling-job';
export { ingestUpload } from './ingest-upload';
export { buildVersion } from './build-version';
export { buildExport } from './build-export';
export { acceptIntoDataset } from './dataset-accept';
