export { labelingJob } from './labeling-job';
export { ingestUpload } from './ingest-upload';
export { acceptIntoDataset } from './dataset-accept';
