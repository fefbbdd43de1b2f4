// The jobs board: every job the caller may see, live. Counts come from polling the API every few
// seconds (the jobs list answers from MongoDB counters, so it is cheap), and pause while the tab is hidden.
import { useEffect, useMemo, useState } from 'react';
import { answer, client, type BoardEntry, type Job } from '../api';
import type { PageProps } from '../App';
import { onLinkClick } from '../router';
import { ProgressBar, pollMs } from '../shared/JobProgress';

const since = (iso: string, now: number) => {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d`;
};

export function BoardPage({ workspace, project }: PageProps) {
  const [jobs, setJobs] = useState<BoardEntry[] | null>(null);
  const [error, setError] = useState('');
  const [now, setNow] = useState(Date.now());
  const [filter, setFilter] = useState({ labeler: '', reviewer: '', status: 'open', overdue: false });

  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      if (document.hidden) return;
      try {
        const r = await answer(client.GET('/{workspace}/{project}/job-board', { params: { path: { workspace, project } } }));
        if (stopped) return;
        setJobs(r.jobs);
        setNow(Date.now());
        setError('');
      } catch (err) {
        if (!stopped) setError((err as Error).message);
      }
    };
    void refresh();
    const timer = setInterval(() => void refresh(), pollMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [workspace, project]);

  const shown = useMemo(() => (jobs ?? []).filter((j) =>
    (!filter.labeler || j.labeler === filter.labeler)
    && (!filter.reviewer || j.reviewer === filter.reviewer)
    && (filter.status === 'all' || (filter.status === 'open' ? j.status === 'assigned' || j.status === 'review' : j.status === filter.status))
    && (!filter.overdue || j.overdue)), [jobs, filter]);

  const labelers = [...new Set((jobs ?? []).map((j) => j.labeler))].sort();
  const reviewers = [...new Set((jobs ?? []).map((j) => j.reviewer))].sort();
  const summary = summarise(jobs ?? [], labelers, 'labeler');
  const reviewerSummary = summarise(jobs ?? [], reviewers, 'reviewer');

  return (
    <section aria-labelledby="board-title">
      <h1 id="board-title">Jobs</h1>
      {error && <p role="alert" className="error">{error}</p>}
      <form className="filters" aria-label="Filter jobs" onSubmit={(e) => e.preventDefault()}>
        <label>Labeler <select value={filter.labeler} onChange={(e) => setFilter({ ...filter, labeler: e.target.value })}>
          <option value="">Everyone</option>{labelers.map((l) => <option key={l}>{l}</option>)}
        </select></label>
        <label>Reviewer <select value={filter.reviewer} onChange={(e) => setFilter({ ...filter, reviewer: e.target.value })}>
          <option value="">Everyone</option>{reviewers.map((l) => <option key={l}>{l}</option>)}
        </select></label>
        <label>Status <select value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value })}>
          <option value="open">Open</option><option value="assigned">Labeling</option><option value="review">In review</option>
          <option value="complete">Complete</option><option value="cancelled">Cancelled</option><option value="all">All</option>
        </select></label>
        <label className="check"><input type="checkbox" checked={filter.overdue} onChange={(e) => setFilter({ ...filter, overdue: e.target.checked })} /> Overdue only</label>
      </form>
      {jobs === null ? <p role="status">Loading…</p> : (
        <table className="jobs">
          <caption className="sr-only">Jobs, updated every {pollMs / 1000} seconds</caption>
          <thead><tr><th scope="col">Job</th><th scope="col">Labeler</th><th scope="col">Reviewer</th><th scope="col">Progress</th><th scope="col">Counts</th><th scope="col">Status</th><th scope="col">Due</th><th scope="col">In stage</th></tr></thead>
          <tbody>
            {shown.length === 0 && <tr><td colSpan={8}>No jobs match.</td></tr>}
            {shown.map((j) => (
              <tr key={j.id} data-job={j.id}>
                <td><a href={`/${workspace}/${project}/jobs/${j.id}`} onClick={onLinkClick}>{j.name}</a></td>
                <td>{j.labeler}</td>
                <td>{j.reviewer}</td>
                <td><ProgressBar job={j} /></td>
                <td className="counts" data-testid="counts">{j.unannotated} / {j.annotated} / {j.approved} / {j.rejected}</td>
                <td><span className={`status ${j.status}`}>{j.status}</span></td>
                <td>{j.dueAt ? new Date(j.dueAt).toLocaleDateString() : '—'}</td>
                <td>{since(j.stage.enteredAt, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted legend">Counts: unannotated / annotated / approved / rejected.</p>
      <SummaryTable id="per-labeler" title="Per labeler" rows={summary} />
      <SummaryTable id="per-reviewer" title="Per reviewer" rows={reviewerSummary} />
    </section>
  );
}

type SummaryRow = Job & { person: string; jobs: number };

/** Totals of the four counts per person, as one job-shaped row each (so the progress bar draws it). */
function summarise(jobs: Job[], people: string[], by: 'labeler' | 'reviewer'): SummaryRow[] {
  return people.map((person) => {
    const mine = jobs.filter((j) => j[by] === person);
    const sum = (k: 'numImages' | 'approved' | 'annotated' | 'rejected' | 'unannotated') => mine.reduce((n, j) => n + j[k], 0);
    return { ...mine[0]!, person, jobs: mine.length, numImages: sum('numImages'), unannotated: sum('unannotated'), annotated: sum('annotated'), approved: sum('approved'), rejected: sum('rejected') };
  });
}

function SummaryTable({ id, title, rows }: { id: string; title: string; rows: SummaryRow[] }) {
  if (rows.length === 0) return null;
  return (
    <table className="summary" aria-labelledby={id}>
      <caption id={id}>{title}</caption>
      <thead><tr><th scope="col">{title.replace('Per ', '').replace(/^./, (c) => c.toUpperCase())}</th><th scope="col">Jobs</th><th scope="col">Images</th><th scope="col">Unannotated</th><th scope="col">Annotated</th><th scope="col">Approved</th><th scope="col">Rejected</th><th scope="col">Chart</th></tr></thead>
      <tbody>{rows.map((s) => (
        <tr key={s.person}><td>{s.person}</td><td>{s.jobs}</td><td>{s.numImages}</td><td>{s.unannotated}</td><td>{s.annotated}</td><td>{s.approved}</td><td>{s.rejected}</td><td><ProgressBar job={s} /></td></tr>
      ))}</tbody>
    </table>
  );
}
