// The shell: who is signed in, the project's navigation, and the page for the address.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { answer, ApiError, client, mayManage, setCsrfToken, type Session } from './api';
import { BatchPage } from './batch/Batch';
import { BatchesPage } from './batches/Batches';
import { BoardPage } from './board/Board';
import { DatasetPage } from './dataset/Dataset';
import { JobPage } from './job/Job';
import { ProjectsPage } from './projects/Projects';
import { ReportsPage } from './reports/Reports';
import { SignInPage, redeemFromFragment } from './sign-in/SignIn';
import { UploadPage } from './upload/Upload';
import { navigate, onLinkClick, parsePath, useLocation } from './router';

// The editor and review mode carry Annotorious: loaded when first opened, so signing in and the
// manager's pages do not wait for it.
const EditorPage = lazy(() => import('./editor/Editor').then((m) => ({ default: m.EditorPage })));
const ReviewPage = lazy(() => import('./review/Review').then((m) => ({ default: m.ReviewPage })));

const lastWorkspaceKey = 'tessera.workspace';

export interface PageProps { workspace: string; session: Session; project: string }

export function App() {
  const path = useLocation();
  const signingIn = path === '/sign-in';
  const { workspace, project, section, id } = signingIn ? {} : parsePath(path);
  const [session, setSession] = useState<Session | null | undefined>(undefined);

  const load = useCallback(async (ws: string | undefined) => {
    if (!ws) return setSession(null);
    try {
      const s = await answer(client.GET('/{workspace}/session', { params: { path: { workspace: ws } } }));
      setCsrfToken(s.csrfToken);
      localStorage.setItem(lastWorkspaceKey, ws);
      setSession(s);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 404)) setSession(null);
      else throw err;
    }
  }, []);

  useEffect(() => {
    if (signingIn) {
      void redeemFromFragment().then((ws) => {
        if (ws) navigate(`/${ws}`);
        else setSession(null);
      });
      return;
    }
    const ws = workspace ?? localStorage.getItem(lastWorkspaceKey) ?? undefined;
    if (!workspace && ws) navigate(`/${ws}`);
    else void load(ws);
  }, [signingIn, workspace, load]);

  if (session === undefined) return <p className="loading" role="status">Loading…</p>;
  if (session === null || !workspace) return <SignInPage workspace={workspace ?? localStorage.getItem(lastWorkspaceKey) ?? ''} />;

  const signOut = async () => {
    await client.DELETE('/{workspace}/session', { params: { path: { workspace } } });
    setSession(null);
    navigate('/');
  };
  const props: PageProps = { workspace, session, project: project ?? '' };
  let page;
  if (!project) page = <ProjectsPage {...props} />;
  else if (section === 'jobs' && id) page = <JobPage {...props} jobId={id} />;
  else if (section === 'label' && id) page = <EditorPage {...props} jobId={id} />;
  else if (section === 'review' && id) page = <ReviewPage {...props} jobId={id} />;
  else if (section === 'upload' && mayManage(session.role)) page = <UploadPage {...props} />;
  else if (section === 'batches' && id && mayManage(session.role)) page = <BatchPage {...props} batchId={id} />;
  else if (section === 'batches' && mayManage(session.role)) page = <BatchesPage {...props} />;
  else if (section === 'dataset' && mayManage(session.role)) page = <DatasetPage {...props} />;
  else if (section === 'reports' && mayManage(session.role)) page = <ReportsPage {...props} />;
  else page = <BoardPage {...props} />;

  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <a href={`/${workspace}`} onClick={onLinkClick} className="brand">Tessera · {workspace}</a>
        {project && <ProjectNav workspace={workspace} project={project} session={session} section={section} />}
        <span className="who">{session.email} ({session.role})</span>
        <button type="button" onClick={() => void signOut()}>Sign out</button>
      </header>
      <main id="main" tabIndex={-1}><Suspense fallback={<p role="status">Loading…</p>}>{page}</Suspense></main>
    </>
  );
}

function ProjectNav({ workspace, project, session, section }: { workspace: string; project: string; session: Session; section?: string }) {
  const base = `/${workspace}/${project}`;
  const links = [{ href: `${base}/jobs`, label: 'Jobs', key: 'jobs' }];
  if (mayManage(session.role)) {
    links.push({ href: `${base}/upload`, label: 'Upload', key: 'upload' }, { href: `${base}/batches`, label: 'Batches', key: 'batches' }, { href: `${base}/dataset`, label: 'Dataset', key: 'dataset' }, { href: `${base}/reports`, label: 'Reports', key: 'reports' });
  }
  return (
    <nav aria-label="Project">
      <span className="project-name">{project}</span>
      {links.map((l) => (
        <a key={l.key} href={l.href} onClick={onLinkClick} aria-current={(section ?? 'jobs') === l.key ? 'page' : undefined}>{l.label}</a>
      ))}
    </nav>
  );
}
