// The signed-in tenant's topics, kept current: `GET /api/v1/topics` every 2 s (both namespaces,
// while the page is visible) and every live message of the MQTT namespace merged in at once.
//
//   startTopics(key, onUnauthorized);  const {topics, loaded, error} = useTopics();
//   refreshTopics();  // after a change, without waiting for the next poll
//   stopTopics();

import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { onLiveMessage } from './live.js';

const POLL_MS = 2000;

let state = { topics: [], loaded: false, error: null };
const listeners = new Set();
let session = null; // {key, onUnauthorized, timer, busy, again, stopLive}
let localChanges = 0; // counts changes made here; a poll that overlaps one is not trusted

function publish(next) {
  state = { ...state, ...next };
  for (const fn of listeners) fn(state);
}

async function poll(s) {
  if (s !== session || s.busy) return;
  clearTimeout(s.timer);
  if (document.hidden) {
    s.timer = setTimeout(() => poll(s), POLL_MS);
    return;
  }
  s.busy = true;
  const changes = localChanges;
  try {
    const data = await api.topics(s.key);
    if (s === session && changes === localChanges) publish({ topics: data.topics || [], loaded: true, error: null });
    else s.again = true;
  } catch (e) {
    if (s !== session) return;
    if (e.status === 401) {
      s.onUnauthorized();
      return;
    }
    publish({ error: e.message });
  } finally {
    s.busy = false;
  }
  if (s !== session) return;
  const delay = s.again ? 0 : POLL_MS;
  s.again = false;
  s.timer = setTimeout(() => poll(s), delay);
}

// A live message for `topic` in the MQTT namespace: the new latest value.
function mergeLive(m) {
  const i = state.topics.findIndex((t) => t.namespace === 'mqtt' && t.name === m.topic);
  if (i < 0) return;
  const topics = state.topics.slice();
  topics[i] = { ...topics[i], value: m.payload, time_ms: m.time_ms };
  publish({ topics });
}

function onVisible() {
  if (!document.hidden && session) poll(session);
}

// Starts keeping the topics of `key`; `onUnauthorized` is called when the key is refused.
export function startTopics(key, onUnauthorized) {
  if (session && session.key === key) return;
  stopTopics();
  session = { key, onUnauthorized, timer: 0, busy: false, again: false, stopLive: onLiveMessage(mergeLive) };
  document.addEventListener('visibilitychange', onVisible);
  poll(session);
}

export function stopTopics() {
  if (session) {
    clearTimeout(session.timer);
    session.stopLive();
    session = null;
  }
  document.removeEventListener('visibilitychange', onVisible);
  publish({ topics: [], loaded: false, error: null });
}

// Polls now (after the console changed something).
export function refreshTopics() {
  if (!session) return;
  if (session.busy) session.again = true; // the running poll may predate the change
  else poll(session);
}

// {topics, loaded, error}, re-rendered on every change.
export function useTopics() {
  const [s, setS] = useState(state);
  useEffect(() => {
    listeners.add(setS);
    setS(state);
    return () => listeners.delete(setS);
  }, []);
  return s;
}

// Puts a topic the API just returned (created, renamed) into the list at once.
export function upsertTopic(topic) {
  const i = state.topics.findIndex((t) => t.namespace === topic.namespace && t.name === topic.name);
  const topics = state.topics.slice();
  if (i < 0) topics.push(topic);
  else topics[i] = topic;
  localChanges++;
  publish({ topics });
}

// Takes a deleted topic out of the list at once.
export function removeTopic(ns, name) {
  localChanges++;
  publish({ topics: state.topics.filter((t) => !(t.namespace === ns && t.name === name)) });
}
