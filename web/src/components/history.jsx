// The topic's stored messages, newest first, a page at a time ("Older" follows `next_before`).
// The first page reloads when the topic gets a new value, unless older pages are open.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { dateTime } from '../lib/format.js';
import { Icon } from './icons.jsx';

const PAGE = 20;

export function History({ apiKey, topic }) {
  const [items, setItems] = useState([]);
  const [next, setNext] = useState(null);
  const [pages, setPages] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const load = async (before) => {
    setBusy(true);
    setError('');
    try {
      const res = await api.history(apiKey, topic.namespace, topic.name, { limit: PAGE, before });
      setItems((old) => (before ? [...old, ...res.items] : res.items));
      setNext(res.next_before ?? null);
      setPages((p) => (before ? p + 1 : 1));
    } catch (e) {
      setError(e.message);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (pages <= 1) load();
  }, [topic.namespace, topic.name, topic.time_ms]);

  return (
    <div class="card history-card">
      <div class="card-head">
        <h2>History</h2>
        <div class="card-tools">
          <button type="button" class="small" onClick={() => load()} disabled={busy} title="Newest messages">
            <Icon name="refresh" size={16} /><span>Newest</span>
          </button>
        </div>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {items.length === 0 && !busy && !error ? (
        <p class="muted empty-small">No stored messages.</p>
      ) : (
        <table class="history">
          <thead><tr><th>Time</th><th>Message</th></tr></thead>
          <tbody>
            {items.map((h, i) => (
              <tr key={`${h.time_ms}-${i}`}>
                <td class="nowrap">{dateTime(h.time_ms)}</td>
                <td><code>{h.value === '' ? '(empty)' : h.value}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && (
        <button type="button" class="wide older" onClick={() => load(next)} disabled={busy}>
          {busy ? 'Loading…' : 'Older messages'}
        </button>
      )}
    </div>
  );
}
