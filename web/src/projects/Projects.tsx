// The workspace's projects; a manager may create one.
import { useEffect, useState, type FormEvent } from 'react';
import { answer, client, mayManage, type Project, type Role } from '../api';
import type { PageProps } from '../App';
import { navigate, onLinkClick } from '../router';

export function ProjectsPage({ workspace, session }: PageProps) {
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    void answer(client.GET('/{workspace}/projects', { params: { path: { workspace } } })).then((r) => setProjects(r.projects), (e: Error) => setError(e.message));
  }, [workspace]);
  return (
    <section aria-labelledby="projects-title">
      <h1 id="projects-title">Projects</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {projects === null ? <p role="status">Loading…</p> : projects.length === 0 ? <p>No projects yet.</p> : (
        <ul className="cards">
          {projects.map((p) => (
            <li key={p.id}><a href={`/${workspace}/${p.id}/jobs`} onClick={onLinkClick}><strong>{p.name}</strong> <span className="muted">{p.type} · {p.classes.join(', ')}</span></a></li>
          ))}
        </ul>
      )}
      {mayManage(session.role) && <NewProject workspace={workspace} />}
      {(session.role === 'owner' || session.role === 'admin') && <InviteMember workspace={workspace} />}
    </section>
  );
}

function NewProject({ workspace }: { workspace: string }) {
  const [form, setForm] = useState<{ id: string; name: string; type: Project['type']; classes: string }>({ id: '', name: '', type: 'object-detection', classes: '' });
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const classes = form.classes.split(',').map((c) => c.trim()).filter(Boolean);
      await client.POST('/{workspace}/projects', { params: { path: { workspace } }, body: { ...form, classes } });
      navigate(`/${workspace}/${form.id}/jobs`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="new-project">
      <h2 id="new-project">New project</h2>
      {error && <p role="alert" className="error">{error}</p>}
      <label>Id <input value={form.id} onChange={set('id')} required pattern="[a-z0-9][a-z0-9-]*" /></label>
      <label>Name <input value={form.name} onChange={set('name')} required /></label>
      <label>Type <select value={form.type} onChange={set('type')}>
        <option value="object-detection">Object detection</option>
        <option value="instance-segmentation">Instance segmentation</option>
        <option value="classification">Classification</option>
      </select></label>
      <label>Classes (comma-separated) <input value={form.classes} onChange={set('classes')} required /></label>
      <button type="submit">Create project</button>
    </form>
  );
}

/** An invitation mails a one-time sign-in link; the new member needs no API key to work in the app. */
function InviteMember({ workspace }: { workspace: string }) {
  const [form, setForm] = useState<{ email: string; role: Role }>({ email: '', role: 'labeler' });
  const [message, setMessage] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await client.POST('/{workspace}/invitations', { params: { path: { workspace } }, body: form });
      setMessage(`Invitation sent to ${form.email}.`);
      setForm({ ...form, email: '' });
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="invite-title">
      <h2 id="invite-title">Invite a member</h2>
      {message && <p role="status">{message}</p>}
      <label>Email <input type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required /></label>
      <label>Role <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
        {['labeler', 'reviewer', 'manager', 'admin'].map((r) => <option key={r}>{r}</option>)}
      </select></label>
      <button type="submit">Send invitation</button>
    </form>
  );
}
