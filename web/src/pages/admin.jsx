// The operator page: with the admin key (`http.admin_key` in the configuration), list tenants,
// create one (its private key is shown), remove one. The key is kept until the tab is closed.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { dateTime } from '../lib/format.js';
import { savedAdminKey, saveAdminKey } from '../lib/session.js';
import { CopyButton } from '../components/copy_button.jsx';
import { Icon } from '../components/icons.jsx';
import { ConfirmDialog } from '../components/modal.jsx';

const REFUSED = 'The admin key was refused: it is wrong, or the server has no admin key configured (http.admin_key).';

function AdminSignIn({ onSignedIn, notice }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (e) => {
    e.preventDefault();
    const k = key.trim();
    if (!k) return setError('Enter the admin key.');
    setBusy(true);
    setError('');
    try {
      const res = await api.tenants(k);
      onSignedIn(k, res.tenants);
    } catch (err) {
      setError(err.status === 403 || err.status === 401 ? REFUSED : err.message);
      setBusy(false);
    }
  };

  return (
    <div class="center-page">
      <form class="card sign-in" onSubmit={submit} noValidate>
        <div class="sign-in-icon"><Icon name="users" size={28} /></div>
        <h1>Operator</h1>
        <p class="muted">Manage the tenants of this server with the admin key of its configuration
          (<code>http.admin_key</code> or <code>--admin-key</code>).</p>
        {notice && <p class="notice" role="status">{notice}</p>}
        <label class="field">
          <span>Admin key</span>
          <input id="admin-key" name="admin-key" type="password" value={key} autocomplete="current-password"
                 onInput={(e) => setKey(e.currentTarget.value)} />
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary wide" disabled={busy}>{busy ? 'Checking…' : 'Continue'}</button>
      </form>
    </div>
  );
}

function NewTenant({ adminKey, onCreated }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (e) => {
    e.preventDefault();
    if (!name.trim()) return setError('Give the tenant a name.');
    setBusy(true);
    setError('');
    try {
      const res = await api.createTenant(adminKey, name.trim());
      setName('');
      onCreated(res.tenant);
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate>
      <h2>New tenant</h2>
      <div class="send-line">
        <input name="tenant-name" value={name} placeholder="Name, e.g. home" aria-label="Tenant name"
               onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={busy}><Icon name="plus" size={18} /><span>Create</span></button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
    </form>
  );
}

function KeyCell({ value }) {
  const [shown, setShown] = useState(false);
  return (
    <span class="key-cell">
      <code>{shown ? value : `${value.slice(0, 4)}••••••••${value.slice(-4)}`}</code>
      <button type="button" class="small" onClick={() => setShown(!shown)}>{shown ? 'Hide' : 'Show'}</button>
      <CopyButton text={value} />
    </span>
  );
}

export function AdminPage() {
  const [adminKey, setAdminKey] = useState(savedAdminKey);
  const [tenants, setTenants] = useState(null);
  const [created, setCreated] = useState(null);
  const [removing, setRemoving] = useState(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  const leave = (message = '') => {
    saveAdminKey('');
    setAdminKey('');
    setTenants(null);
    setCreated(null);
    setNotice(message);
  };

  const reload = async (k = adminKey) => {
    try {
      const res = await api.tenants(k);
      setTenants(res.tenants);
      setError('');
    } catch (e) {
      if (e.status === 403 || e.status === 401) leave(REFUSED);
      else setError(e.message);
    }
  };

  useEffect(() => {
    if (adminKey && tenants === null) reload();
  }, [adminKey]);

  if (!adminKey) {
    return (
      <AdminSignIn notice={notice} onSignedIn={(k, list) => {
        saveAdminKey(k);
        setNotice('');
        setTenants(list);
        setAdminKey(k);
      }} />
    );
  }

  const remove = async () => {
    try {
      await api.deleteTenant(adminKey, removing.id);
      setRemoving(null);
      if (created && created.id === removing.id) setCreated(null);
      reload();
    } catch (e) {
      setError(e.message);
      setRemoving(null);
    }
  };

  return (
    <section class="page admin-page">
      <div class="page-head">
        <h1>Tenants</h1>
        <button type="button" onClick={() => leave()}><Icon name="logout" size={18} /><span>Leave</span></button>
      </div>

      <NewTenant adminKey={adminKey} onCreated={(t) => { setCreated(t); reload(); }} />

      {created && (
        <div class="card created" role="status" data-testid="created-tenant">
          <p>Tenant <strong>{created.name}</strong> was created. Its private key (devices use it as the MQTT client id,
            people sign in with it):</p>
          <p class="key-line"><code data-testid="new-key">{created.private_key}</code><CopyButton text={created.private_key} /></p>
        </div>
      )}

      {error && <p class="error" role="alert">{error}</p>}

      <div class="card table-card">
        {tenants === null ? (
          <p class="muted empty-small">Loading…</p>
        ) : tenants.length === 0 ? (
          <p class="muted empty-small">No tenants.</p>
        ) : (
          <table class="tenants">
            <thead><tr><th>#</th><th>Name</th><th>Private key</th><th>Created</th><th>Topics</th><th /></tr></thead>
            <tbody>
              {tenants.map((t) => (
                <tr key={t.id} data-tenant={t.name}>
                  <td data-label="#">{t.id}</td>
                  <td data-label="Name"><strong>{t.name}</strong></td>
                  <td data-label="Key"><KeyCell value={t.private_key} /></td>
                  <td data-label="Created" class="nowrap">{dateTime(t.created_at * 1000)}</td>
                  <td data-label="Topics">{t.topics}</td>
                  <td class="actions">
                    <button type="button" class="small danger-outline" onClick={() => setRemoving(t)}
                            aria-label={`Remove tenant ${t.name}`}>
                      <Icon name="trash" size={16} /><span>Remove</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>

      {removing && (
        <ConfirmDialog title="Remove tenant" action="Remove tenant" onConfirm={remove} onClose={() => setRemoving(null)}>
          <p>Remove the tenant <strong>{removing.name}</strong> and its {removing.topics} topic
            {removing.topics === 1 ? '' : 's'}? Its devices can no longer connect with its key.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
