// The messages of one topic as they arrive, newest first. MQTT topics: every message delivered on
// the live stream (WebSocket), plus values stored without delivery (`/up`) as the list poll sees
// them. TCP topics: each new value the list poll sees.

import { useEffect, useRef, useState } from 'preact/hooks';
import { clockTime } from '../lib/format.js';
import { useLiveMessages, useLiveStatus } from '../lib/live.js';

const KEEP = 200;

const STATUS_TEXT = {
  live: 'Receiving live',
  connecting: 'Connecting…',
  offline: 'Live stream offline: showing polled values',
  off: '',
};

// How long a live message and a polled value with the same payload count as the same message.
const SAME_MESSAGE_MS = 5000;

// Drops the entries of `list` ({at}) older than the window; returns it.
function prune(list, now) {
  while (list.length && list[0].at < now - SAME_MESSAGE_MS) list.shift();
  return list;
}

export function LiveStream({ topic }) {
  const [items, setItems] = useState([]);
  const [paused, setPaused] = useState(false);
  const pausedRef = useRef(false);
  pausedRef.current = paused;
  // Live messages and polled values of the last seconds, so that one message seen both ways
  // (the poll may see a value before the live stream delivers it, or after, and the topic's time
  // changes twice: once when the list merges the live message, once with the stored copy) is
  // listed once.
  const recentLive = useRef([]); // {payload, at}
  const recentPolled = useRef([]); // {payload, id, at}
  const lastPolled = useRef(topic.time_ms);
  const status = useLiveStatus();
  const mqtt = topic.namespace === 'mqtt';

  const add = (entry) => {
    if (!pausedRef.current) setItems((list) => [entry, ...list].slice(0, KEEP));
  };

  useLiveMessages((m) => {
    if (!mqtt || (m.topic !== topic.name && !m.topic.startsWith(`${topic.name}/`))) return;
    const now = Date.now();
    const entry = { id: `l${m.id}`, time_ms: m.time_ms, payload: m.payload, topic: m.topic, how: m.retain ? 'retained' : 'live' };
    prune(recentLive.current, now).push({ payload: m.payload, at: now });
    const polled = prune(recentPolled.current, now);
    const i = polled.findIndex((p) => p.payload === m.payload);
    if (i >= 0) {
      const { id } = polled.splice(i, 1)[0];
      setItems((list) => list.map((x) => (x.id === id ? entry : x)));
      return;
    }
    add(entry);
  }, [mqtt, topic.name]);

  // A new stored value that did not come live (TCP, `/up`, or while the stream was down).
  useEffect(() => {
    if (topic.time_ms === lastPolled.current) return;
    lastPolled.current = topic.time_ms;
    if (topic.value === null || topic.value === undefined) return;
    const now = Date.now();
    // already listed: the list merged the live message, then the poll brought the stored copy
    if (prune(recentLive.current, now).some((p) => p.payload === topic.value)) return;
    const id = `p${topic.time_ms}`;
    prune(recentPolled.current, now).push({ payload: topic.value, id, at: now });
    add({ id, time_ms: topic.time_ms, payload: topic.value, topic: topic.name, how: 'stored' });
  }, [topic.time_ms, topic.value]);

  return (
    <div class="card stream-card">
      <div class="card-head">
        <h2>Live messages</h2>
        <div class="card-tools">
          <button type="button" class="small" onClick={() => setPaused(!paused)} aria-pressed={paused ? 'true' : 'false'}>
            {paused ? 'Resume' : 'Pause'}
          </button>
          <button type="button" class="small" onClick={() => setItems([])} disabled={items.length === 0}>Clear</button>
        </div>
      </div>
      <p class="muted small stream-status">
        {mqtt ? STATUS_TEXT[status] : 'TCP topic: new values appear as the list is refreshed (every 2 s).'}
        {paused && ' · paused'}
      </p>
      {items.length === 0 ? (
        <p class="muted empty-small">Waiting for messages…</p>
      ) : (
        <ol class="stream" aria-label="Live messages">
          {items.map((m) => (
            <li key={m.id} class={`stream-item how-${m.how}`}>
              <time>{clockTime(m.time_ms)}</time>
              <code class="payload">{m.payload === '' ? '(empty)' : m.payload}</code>
              <span class="tag" title={m.how === 'stored' ? 'stored value (polled), not delivered live' : m.topic}>
                {m.how === 'stored' ? 'stored' : m.topic !== topic.name ? m.topic.slice(topic.name.length) : m.how === 'retained' ? 'retained' : 'live'}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
