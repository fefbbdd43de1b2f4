// A job's four counts as one bar, and how often pages that show them ask again.
import type { Job } from '../api';

export const pollMs = 2_000;

export function ProgressBar({ job }: { job: Job }) {
  const parts = [['approved', job.approved], ['annotated', job.annotated], ['rejected', job.rejected], ['unannotated', job.unannotated]] as const;
  const label = parts.map(([k, v]) => `${v} ${k}`).join(', ');
  return (
    <div className="progress" role="img" aria-label={`${label} of ${job.numImages}`} title={label}>
      {parts.map(([k, v]) => v > 0 && <span key={k} className={`seg ${k}`} style={{ flexGrow: v }} />)}
    </div>
  );
}
