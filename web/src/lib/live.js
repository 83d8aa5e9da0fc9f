// The live stream: one MQTT-over-WebSocket connection to `/mqtt` while a tenant is signed in, with
// the private key as client id (so it sees that tenant's MQTT namespace) and a subscription to
// `#`. Pages listen to it; the MQTT client library is loaded only when the stream starts.
//
//   startLive(key);  const off = onLiveMessage((m) => ...);  off();  stopLive();
//   m = {id, topic: 'light002', payload: 'on', retain: false, time_ms: 1764105477123}

import { useEffect, useState } from 'preact/hooks';

const messageListeners = new Set();
const statusListeners = new Set();
let client = null;
let currentKey = null;
let status = 'off'; // off | connecting | live | offline
let nextId = 1;

function setStatus(s) {
  if (s === status) return;
  status = s;
  for (const fn of statusListeners) fn(s);
}

function liveUrl() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/mqtt`;
}

const decoder = new TextDecoder();

// Connects with `key` (a no-op when already connected with it).
export async function startLive(key) {
  if (currentKey === key && client) return;
  stopLive();
  currentKey = key;
  setStatus('connecting');
  let mqtt;
  try {
    mqtt = (await import('mqtt')).default;
  } catch {
    if (currentKey === key) setStatus('offline');
    return;
  }
  if (currentKey !== key) return; // signed out or changed meanwhile
  const c = mqtt.connect(liveUrl(), {
    clientId: key,
    protocolVersion: 4,
    clean: true,
    keepalive: 30,
    reconnectPeriod: 3000,
    connectTimeout: 10000,
    resubscribe: true,
  });
  client = c;
  c.on('connect', () => {
    c.subscribe('#', { qos: 0 }, (err) => setStatus(err ? 'offline' : 'live'));
  });
  c.on('message', (topic, payload, packet) => {
    const m = { id: nextId++, topic, payload: decoder.decode(payload), retain: !!packet.retain, time_ms: Date.now() };
    for (const fn of messageListeners) fn(m);
  });
  c.on('close', () => setStatus('offline'));
  c.on('offline', () => setStatus('offline'));
  c.on('reconnect', () => setStatus('connecting'));
  c.on('error', () => setStatus('offline'));
}

// Ends the connection (sign-out).
export function stopLive() {
  currentKey = null;
  if (client) {
    client.end(true);
    client = null;
  }
  setStatus('off');
}

// Calls `fn(message)` for every message received; returns the function that stops it.
export function onLiveMessage(fn) {
  messageListeners.add(fn);
  return () => messageListeners.delete(fn);
}

// The stream's status, re-rendered when it changes.
export function useLiveStatus() {
  const [s, setS] = useState(status);
  useEffect(() => {
    statusListeners.add(setS);
    setS(status);
    return () => statusListeners.delete(setS);
  }, []);
  return s;
}

// Calls `fn` for each live message while the component is mounted.
export function useLiveMessages(fn, deps) {
  useEffect(() => onLiveMessage(fn), deps);
}
