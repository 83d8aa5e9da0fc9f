// "Rename": the topic's display name (its name stays). PATCH /api/v1/topics/{ns}/{name}.

import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { upsertTopic } from '../lib/topics.js';
import { Modal } from './modal.jsx';

export function RenameDialog({ apiKey, topic, onClose }) {
  const [displayName, setDisplayName] = useState(topic.display_name || '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const res = await api.renameTopic(apiKey, topic.namespace, topic.name, displayName.trim());
      upsertTopic(res.topic);
      onClose();
    } catch (err) {
      setError(err.message);
      setBusy(false);
    }
  };

  return (
    <Modal title="Rename topic" onClose={onClose}>
      <form class="modal-body form" onSubmit={submit}>
        <label class="field">
          <span>Display name of <code>{topic.name}</code></span>
          <input name="display_name" value={displayName} maxLength={64} placeholder={topic.name}
                 onInput={(e) => setDisplayName(e.currentTarget.value)} />
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        <footer class="modal-foot">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" class="primary" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
        </footer>
      </form>
    </Modal>
  );
}
