// Signing in: ask for a link by email, or redeem the link this page was opened from.
import { useState, type FormEvent } from 'react';
import { ApiError, client } from '../api';

/** Redeems `#workspace=…&token=…` (the link's secret never leaves the fragment but for this POST); the workspace, or undefined. */
export async function redeemFromFragment(): Promise<string | undefined> {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const workspace = params.get('workspace');
  const token = params.get('token');
  window.history.replaceState(null, '', '/sign-in');
  if (!workspace || !token) return undefined;
  try {
    await client.POST('/{workspace}/sessions', { params: { path: { workspace } }, body: { token } });
    return workspace;
  } catch (err) {
    sessionStorage.setItem('tessera.signInError', err instanceof ApiError ? err.message : String(err));
    return undefined;
  }
}

export function SignInPage({ workspace: initial }: { workspace: string }) {
  const [workspace, setWorkspace] = useState(initial);
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState(() => {
    const e = sessionStorage.getItem('tessera.signInError');
    sessionStorage.removeItem('tessera.signInError');
    return e ?? '';
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      await client.POST('/{workspace}/sign-in-links', { params: { path: { workspace } }, body: { email } });
      setSent(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <main id="main" className="sign-in">
      <h1>Sign in to Tessera</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {sent ? (
        <p role="status">If {email} is a member of {workspace}, a sign-in link is on its way. It works once, for 15 minutes.</p>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <label>Workspace <input name="workspace" value={workspace} onChange={(e) => setWorkspace(e.target.value)} required autoFocus={!initial} /></label>
          <label>Email <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus={!!initial} autoComplete="email" /></label>
          <button type="submit">Email me a sign-in link</button>
        </form>
      )}
    </main>
  );
}
