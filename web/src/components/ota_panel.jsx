// Firmware for over-the-air updates: what is published for the topic (version, size, CRC-32, the
// download URL that devices get from /vb/api/v1/firmwareVersion), an upload form (the server's
// 413 tells the size limit), and a button that sends the conventional `update` message.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { bytes, dateTime } from '../lib/format.js';
import { useSend } from '../lib/send.js';
import { CopyButton } from './copy_button.jsx';
import { Icon } from './icons.jsx';
import { ConfirmDialog } from './modal.jsx';
import { SendResult } from './send_result.jsx';

function Published({ firmware }) {
  return (
    <dl class="facts firmware" data-testid="firmware">
      <div><dt>Version</dt><dd><strong data-testid="firmware-version">{firmware.version}</strong>
        {firmware.tag && <span class="badge">{firmware.tag}</span>}</dd></div>
      <div><dt>Size</dt><dd>{bytes(firmware.size)} <span class="muted">({firmware.size} bytes)</span></dd></div>
      <div><dt>CRC-32</dt><dd><code>{firmware.crc32}</code></dd></div>
      {firmware.sha256 && <div><dt>SHA-256</dt><dd><code class="hash" title={firmware.sha256}>{firmware.sha256}</code></dd></div>}
      <div><dt>Uploaded</dt><dd>{dateTime(firmware.uploaded_ms)}</dd></div>
      <div><dt>URL</dt><dd class="url"><a href={firmware.url} target="_blank" rel="noreferrer"><code>{firmware.url}</code></a>
        <CopyButton text={firmware.url} /></dd></div>
    </dl>
  );
}

function UploadForm({ apiKey, topic, onUploaded }) {
  const [file, setFile] = useState(null);
  const [version, setVersion] = useState('');
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (e) => {
    e.preventDefault();
    if (!file) return setError('Choose a firmware file (.bin).');
    if (!version.trim()) return setError('Give the firmware a version, e.g. 1.2.0.');
    if (file.size === 0) return setError('The file is empty.');
    setBusy(true);
    setError('');
    try {
      const res = await api.uploadFirmware(apiKey, topic.namespace, topic.name, { version: version.trim(), tag: tag.trim(), file });
      onUploaded(res.firmware);
      setFile(null);
      setVersion('');
      setTag('');
      e.target.reset();
    } catch (err) {
      setError(err.status === 413 ? `The file (${bytes(file.size)}) is larger than the server accepts: ${err.message}` : err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="upload form" onSubmit={submit} noValidate>
      <label class="field file">
        <span>Firmware file</span>
        <input type="file" name="firmware" accept=".bin,application/octet-stream"
               onChange={(e) => setFile(e.currentTarget.files[0] || null)} />
      </label>
      <div class="inline-form">
        <label class="field">
          <span>Version</span>
          <input name="version" value={version} placeholder="1.2.0" onInput={(e) => setVersion(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Tag <span class="muted">(optional)</span></span>
          <input name="tag" value={tag} placeholder="stable" onInput={(e) => setTag(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          <Icon name="upload" size={18} /><span>{busy ? 'Uploading…' : 'Upload'}</span>
        </button>
      </div>
      {file && <p class="muted small">{file.name}, {bytes(file.size)}</p>}
      {error && <p class="error" role="alert">{error}</p>}
    </form>
  );
}

export function OtaPanel({ apiKey, topic }) {
  const [firmware, setFirmware] = useState(undefined); // undefined: loading; null: none
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const { send, busy, result } = useSend(apiKey, topic);

  useEffect(() => {
    let current = true;
    api.firmware(apiKey, topic.namespace, topic.name).then(
      (res) => current && setFirmware(res.firmware),
      (e) => {
        if (!current) return;
        if (e.status === 404) setFirmware(null);
        else setError(e.message);
      });
    return () => {
      current = false;
    };
  }, [apiKey, topic.namespace, topic.name]);

  const remove = async () => {
    try {
      await api.deleteFirmware(apiKey, topic.namespace, topic.name);
      setFirmware(null);
      setConfirming(false);
    } catch (e) {
      setError(e.message);
      setConfirming(false);
    }
  };

  return (
    <div class="card ota-card">
      <div class="card-head">
        <h2>Firmware (OTA)</h2>
        <Icon name="chip" size={20} class="muted" />
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {firmware === undefined && !error && <p class="muted empty-small">Loading…</p>}
      {firmware === null && <p class="muted">No firmware published. Devices that ask get nothing until one is uploaded.</p>}
      {firmware && (
        <>
          <Published firmware={firmware} />
          <div class="button-row">
            <button type="button" class="primary" disabled={busy} onClick={() => send('update')}>
              <Icon name="send" size={18} /><span>Send “update”</span>
            </button>
            <button type="button" class="danger-outline" onClick={() => setConfirming(true)}>
              <Icon name="trash" size={18} /><span>Remove</span>
            </button>
          </div>
          <SendResult result={result} />
        </>
      )}
      <h3>{firmware ? 'Replace with a new version' : 'Upload firmware'}</h3>
      <UploadForm apiKey={apiKey} topic={topic} onUploaded={setFirmware} />
      {confirming && (
        <ConfirmDialog title="Remove firmware" action="Remove" onConfirm={remove} onClose={() => setConfirming(false)}>
          <p>Remove firmware {firmware.version} of <strong>{topic.name}</strong>? Devices can no longer download it.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
