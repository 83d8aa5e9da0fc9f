// One topic: its state and device control, sending messages, the live stream, the sensor chart,
// history, and firmware for OTA. Rename and delete from the head of the page.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { deviceType } from '../lib/devices.js';
import { ago, dateTime, useNow } from '../lib/format.js';
import { navigate, topicsHref } from '../lib/route.js';
import { removeTopic, upsertTopic, useTopics } from '../lib/topics.js';
import { DeviceControl } from '../components/device_control.jsx';
import { History } from '../components/history.jsx';
import { Icon, TypeIcon } from '../components/icons.jsx';
import { LiveStream } from '../components/live_stream.jsx';
import { ConfirmDialog } from '../components/modal.jsx';
import { OtaPanel } from '../components/ota_panel.jsx';
import { RenameDialog } from '../components/rename_topic.jsx';
import { SendMessage } from '../components/send_message.jsx';
import { SensorPanel } from '../components/sensor_panel.jsx';
import { OnlineBadge } from '../components/topic_row.jsx';

const NS_LABELS = { mqtt: 'MQTT', tcp: 'TCP' };

// The topic from the shared list; when the list lacks it, asks the API once (404: gone).
function useTopic(apiKey, ns, name) {
  const { topics, loaded } = useTopics();
  const listed = topics.find((t) => t.namespace === ns && t.name === name);
  const [fetched, setFetched] = useState(null); // {topic} | {missing: true}
  useEffect(() => {
    if (listed || !loaded) return;
    let current = true;
    api.topic(apiKey, ns, name).then((r) => {
      if (!current) return;
      upsertTopic(r.topic);
      setFetched({ topic: r.topic });
    }, (e) => {
      if (current) setFetched(e.status === 404 ? { missing: true } : { error: e.message });
    });
    return () => {
      current = false;
    };
  }, [apiKey, ns, name, !!listed, loaded]);
  return { topic: listed || (fetched && fetched.topic) || null, missing: !listed && fetched && fetched.missing,
           error: !listed && fetched && fetched.error };
}

function StateCard({ topic }) {
  const now = useNow(1000);
  const has = topic.value !== null && topic.value !== undefined;
  return (
    <div class="card state-card">
      <h2>Latest value</h2>
      <div class="state-value" data-testid="latest-value">
        {has ? <code>{topic.value === '' ? '(empty)' : topic.value}</code> : <span class="muted">No message yet</span>}
      </div>
      <dl class="facts">
        <div><dt>Updated</dt><dd title={dateTime(topic.time_ms)}>{topic.time_ms ? `${ago(topic.time_ms, now)} · ${dateTime(topic.time_ms)}` : '—'}</dd></div>
        <div><dt>Subscribers</dt><dd><OnlineBadge count={topic.online} /></dd></div>
      </dl>
    </div>
  );
}

export function TopicPage({ apiKey, ns, name }) {
  const { topic, missing, error } = useTopic(apiKey, ns, name);
  const [dialog, setDialog] = useState(null); // 'rename' | 'delete'
  const [deleteError, setDeleteError] = useState('');

  if (missing || error) {
    return (
      <section class="page">
        <a class="back" href={topicsHref(ns)}><Icon name="back" size={18} /> Topics</a>
        <div class="empty card">
          <p>{missing ? `There is no ${NS_LABELS[ns]} topic “${name}”.` : error}</p>
        </div>
      </section>
    );
  }
  if (!topic) return <section class="page"><p class="muted empty">Loading…</p></section>;

  const type = deviceType(topic);
  const remove = async () => {
    try {
      await api.deleteTopic(apiKey, ns, name);
      navigate(topicsHref(ns));
      removeTopic(ns, name);
    } catch (e) {
      setDeleteError(e.message);
    }
  };

  return (
    <section class="page topic-page">
      <a class="back" href={topicsHref(ns)}><Icon name="back" size={18} /> {NS_LABELS[ns]} topics</a>
      <div class="topic-head">
        <TypeIcon type={type} size={28} />
        <div class="topic-title">
          <h1>{topic.display_name || topic.name}</h1>
          <p class="muted">
            <code>{topic.name}</code> · {NS_LABELS[ns]} · {type.code ? `${type.label} (${type.code})` : type.label}
          </p>
        </div>
        <div class="topic-actions">
          <button type="button" onClick={() => setDialog('rename')}><Icon name="edit" size={18} /><span>Rename</span></button>
          <button type="button" class="danger-outline" onClick={() => setDialog('delete')}>
            <Icon name="trash" size={18} /><span>Delete</span>
          </button>
        </div>
      </div>

      {type.id === 'sensor' && <SensorPanel apiKey={apiKey} topic={topic} />}
      <div class="topic-grid">
        <div class="column">
          <StateCard topic={topic} />
          <DeviceControl apiKey={apiKey} topic={topic} type={type} />
          <SendMessage apiKey={apiKey} topic={topic} />
          <OtaPanel apiKey={apiKey} topic={topic} />
        </div>
        <div class="column">
          <LiveStream topic={topic} />
          <History apiKey={apiKey} topic={topic} />
        </div>
      </div>

      {dialog === 'rename' && <RenameDialog apiKey={apiKey} topic={topic} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && (
        <ConfirmDialog title="Delete topic" action="Delete topic" onConfirm={remove} error={deleteError}
                       onClose={() => { setDialog(null); setDeleteError(''); }}>
          <p>Delete the {NS_LABELS[ns]} topic <strong>{topic.name}</strong>? Its latest value and history
            are removed.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
