export { labelingJob } from './labeling-job';
export { ingestUpload } from './ingest-upload';
