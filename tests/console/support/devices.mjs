// Simulated devices for the console tests, on the device cloud's listeners.
//
//   const dev = await mqttDevice(t, 'light002');      // MQTT on the bemfa listener, key as client id
//   await dev.publish('light002/up', 'on#80');  dev.received  // ['on', ...]
//   await simulatedLight(t, 'light002');              // answers commands with its state on /up
//   const tcp = await lineDevice(t);  tcp.send('cmd=2&uid=K&topic=t&msg=x');

import net from 'node:net';
import { webRequire, waitFor } from './harness.mjs';

const mqtt = webRequire('mqtt');

// An MQTT device of the test's tenant, subscribed to `topic` when given; closed with the test.
export async function mqttDevice(t, topic) {
  const client = mqtt.connect({
    host: t.bemfa.host,
    port: t.bemfa.port,
    protocol: 'mqtt',
    clientId: t.key,
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: 0,
    connectTimeout: 10000,
  });
  await new Promise((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
  });
  t.onCleanup(() => client.endAsync(true));
  const received = [];
  client.on('message', (_topic, payload) => received.push(payload.toString()));
  if (topic) await client.subscribeAsync(topic, { qos: 0 });
  return {
    client,
    received,
    publish: (to, message, options = {}) => client.publishAsync(to, message, { qos: 1, ...options }),
    // Waits until the device has received `message`.
    waitFor: (message) => waitFor(`the device to receive ${JSON.stringify(message)}`, () => received, (r) => r.includes(message)),
  };
}

// A light on `topic` (…002): it answers `on`, `off` and `on#<brightness>` by reporting its state to
// `<topic>/up` (`on#<brightness>` or `off`), as a real light does after switching.
export async function simulatedLight(t, topic) {
  const dev = await mqttDevice(t, topic);
  let brightness = 100;
  // An answer still unacknowledged when the test ends and closes the device is simply lost, as on
  // a real device that is switched off; it must not fail the test as an unhandled rejection.
  const report = (state) => dev.publish(`${topic}/up`, state).catch(() => {});
  dev.client.on('message', (_topic, payload) => {
    const m = payload.toString();
    if (m === 'off') {
      report('off');
      return;
    }
    const on = m.match(/^on(?:#(\d+))?/);
    if (!on) return;
    if (on[1]) brightness = Number(on[1]);
    report(`on#${brightness}`);
  });
  return dev;
}

// A device on the TCP line protocol; `lines` collects what the server sends.
export async function lineDevice(t) {
  const socket = net.connect(t.line.port, t.line.host);
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  t.onCleanup(() => socket.destroy());
  const lines = [];
  let rest = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => {
    const parts = (rest + chunk).split('\r\n');
    rest = parts.pop();
    lines.push(...parts);
  });
  return {
    lines,
    send: (line) => socket.write(`${line}\r\n`),
    waitFor: (re) => waitFor(`a line matching ${re}`, () => lines, (l) => l.some((x) => re.test(x))),
  };
}
