// Reports for managers: per labeler and per reviewer over a range of days, and a chart of each day's
// work (labeled, approved, rejected) drawn as SVG bars from the report's own day sums.
import { useEffect, useState } from 'react';
import { answer, client, type LabelerReport, type ReviewerReport } from '../api';
import type { PageProps } from '../App';

type Day = NonNullable<LabelerReport['days']>[number];

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
const seconds = (s: number | null) => (s === null ? '—' : `${s} s`);

export function ReportsPage({ workspace, project }: PageProps) {
  const [to, setTo] = useState(() => isoDay(Date.now()));
  const [from, setFrom] = useState(() => isoDay(Date.now() - 13 * 86_400_000));
  const [labelers, setLabelers] = useState<LabelerReport | null>(null);
  const [reviewers, setReviewers] = useState<ReviewerReport['reviewers']>([]);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const params = { path: { workspace, project }, query: { from, to } };
    setMessage('');
    Promise.all([
      answer(client.GET('/{workspace}/{project}/reports/labelers', { params })),
      answer(client.GET('/{workspace}/{project}/reports/reviewers', { params })),
    ]).then(([l, r]) => {
      setLabelers(l);
      setReviewers(r.reviewers);
    }, (e: Error) => setMessage(e.message));
  }, [workspace, project, from, to]);

  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">Reports</h1>
      <form className="range" onSubmit={(e) => e.preventDefault()}>
        <label>From <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} /></label>
        <label>To <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} /></label>
      </form>
      {message && <p role="alert">{message}</p>}
      {labelers?.days && <DayChart days={labelers.days} />}
      <h2>Labelers</h2>
      <table aria-label="Labelers">
        <thead><tr><th>Labeler</th><th>Labeled</th><th>Approved</th><th>Rejected</th><th>Rework rate</th><th>Skips</th><th>Median per image</th><th>p90 per image</th></tr></thead>
        <tbody>
          {labelers?.labelers.map((r) => (
            <tr key={r.email}>
              <td>{r.email}</td><td>{r.labeled}</td><td>{r.approved}</td><td>{r.rejected}</td><td>{percent(r.reworkRate)}</td>
              <td>{r.skips}</td><td>{seconds(r.medianSecondsPerImage)}</td><td>{seconds(r.p90SecondsPerImage)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Reviewers</h2>
      <table aria-label="Reviewers">
        <thead><tr><th>Reviewer</th><th>Reviewed</th><th>Approved</th><th>Rejected</th><th>Reject rate</th></tr></thead>
        <tbody>
          {reviewers.map((r) => (
            <tr key={r.email}><td>{r.email}</td><td>{r.reviewed}</td><td>{r.approved}</td><td>{r.rejected}</td><td>{percent(r.rejectRate)}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const series = [
  { key: 'labeled', label: 'Labeled', color: '#4a6cf7' },
  { key: 'approved', label: 'Approved', color: '#2e9d5b' },
  { key: 'rejected', label: 'Rejected', color: '#d9534f' },
] as const;

/** One group of three bars per day; each bar has a title, so its number is one hover away. */
function DayChart({ days }: { days: Day[] }) {
  const height = 160;
  const group = 30;
  const top = Math.max(1, ...days.flatMap((d) => series.map((s) => d[s.key])));
  return (
    <figure className="chart">
      <svg role="img" aria-label="Work per day" width={days.length * group + 40} height={height + 30}>
        {days.map((d, i) => (
          <g key={d.day} transform={`translate(${30 + i * group},0)`} data-day={d.day}>
            {series.map((s, j) => {
              const h = (d[s.key] / top) * height;
              return (
                <rect key={s.key} x={j * 8} y={height - h} width={7} height={h} fill={s.color}>
                  <title>{`${d.day}: ${d[s.key]} ${s.label.toLowerCase()}`}</title>
                </rect>
              );
            })}
            {i % Math.ceil(days.length / 7) === 0 && <text x={0} y={height + 16} fontSize={10}>{d.day.slice(5)}</text>}
          </g>
        ))}
        <text x={0} y={10} fontSize={10}>{top}</text>
      </svg>
      <figcaption>{series.map((s) => <span key={s.key} className="legend" style={{ color: s.color }}>■ {s.label} </span>)}</figcaption>
    </figure>
  );
}
