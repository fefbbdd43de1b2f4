export { labelingJob } from './labeling-job';
export { ingestUpload } from './ingest-upload';
export { acceptIntoDataset } from './dataset-accept';
export { buildVersion } from './build-version';
export { buildExport } from './build-export';
export { deliverWebhook } from './deliver-webhook';
export { importDataset } from './import-dataset';
export { sweepStaging } from './sweep-staging';
