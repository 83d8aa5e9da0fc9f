// Sign-in with a tenant's private key: checked with GET /api/v1/me before it is remembered.

import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { Icon } from '../components/icons.jsx';

export function SignInPage({ onSignedIn, notice }) {
  const [key, setKey] = useState('');
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (e) => {
    e.preventDefault();
    const k = key.trim();
    if (!k) {
      setError('Enter the private key of your tenant.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const me = await api.me(k);
      onSignedIn(k, me.tenant);
    } catch (err) {
      setError(err.status === 401 ? 'This private key is not known to this server.' : err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="center-page">
      <form class="card sign-in" onSubmit={submit} noValidate>
        <div class="sign-in-icon"><Icon name="key" size={28} /></div>
        <h1>Sign in</h1>
        <p class="muted">
          Use your tenant's private key: the first start of <code>roost serve</code> prints it, and{' '}
          <code>roost tenant list</code> shows it again.
        </p>
        {notice && <p class="notice" role="status">{notice}</p>}
        <label class="field">
          <span>Private key</span>
          <input id="private-key" name="private-key" type={show ? 'text' : 'password'} value={key}
                 autocomplete="current-password" spellcheck={false} placeholder="32 hexadecimal characters"
                 onInput={(e) => setKey(e.currentTarget.value)} autofocus />
        </label>
        <label class="check">
          <input type="checkbox" checked={show} onChange={(e) => setShow(e.currentTarget.checked)} />
          <span>Show the key</span>
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary wide" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        <p class="muted small">The key is remembered in this browser until you sign out.</p>
      </form>
    </div>
  );
}
