// "New topic": namespace, name (letters, digits, '_' and '-'; the last three digits give the device
// type) and an optional display name. POST /api/v1/topics.

import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { DEVICE_TYPES, TOPIC_NAME, deviceType } from '../lib/devices.js';
import { upsertTopic } from '../lib/topics.js';
import { Modal } from './modal.jsx';

export function CreateTopicDialog({ apiKey, ns: initialNs, onClose }) {
  const [ns, setNs] = useState(initialNs);
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const type = deviceType(name);

  const submit = async (e) => {
    e.preventDefault();
    const n = name.trim();
    if (!TOPIC_NAME.test(n)) {
      setError('A topic name has 1 to 64 letters, digits, “_” or “-”.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const res = await api.createTopic(apiKey, ns, n, displayName.trim());
      upsertTopic(res.topic);
      onClose();
    } catch (err) {
      setError(err.status === 409 ? `The ${ns.toUpperCase()} namespace already has a topic “${n}”.` : err.message);
      setBusy(false);
    }
  };

  return (
    <Modal title="New topic" onClose={onClose}>
      <form class="modal-body form" onSubmit={submit} noValidate>
        <label class="field">
          <span>Namespace</span>
          <select value={ns} onChange={(e) => setNs(e.currentTarget.value)} name="namespace">
            <option value="mqtt">MQTT</option>
            <option value="tcp">TCP</option>
          </select>
        </label>
        <label class="field">
          <span>Name</span>
          <input name="name" data-autofocus value={name} maxLength={64} spellcheck={false} autocomplete="off" placeholder="light002"
                 onInput={(e) => setName(e.currentTarget.value)} />
          <small class="muted">
            {type.code ? `Device type: ${type.label} (${type.code})`
                       : `End it with a type number for a device: ${Object.entries(DEVICE_TYPES).slice(0, 6)
                           .map(([c, t]) => `${c} ${t.label.toLowerCase()}`).join(', ')}, …`}
          </small>
        </label>
        <label class="field">
          <span>Display name <span class="muted">(optional)</span></span>
          <input name="display_name" value={displayName} maxLength={64} placeholder="Kitchen light"
                 onInput={(e) => setDisplayName(e.currentTarget.value)} />
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        <footer class="modal-foot">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" class="primary" disabled={busy}>{busy ? 'Creating…' : 'Create topic'}</button>
        </footer>
      </form>
    </Modal>
  );
}
