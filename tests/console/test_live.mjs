// The live message stream of a topic page: messages of MQTT topics arrive over the WebSocket (from
// a device and from the page's own send form), values stored without delivery (`/up`) and values of
// TCP topics arrive by polling; history pages back with "Older messages".

import assert from 'node:assert/strict';
import { run, waitFor, waitForText } from './support/harness.mjs';
import { lineDevice, mqttDevice } from './support/devices.mjs';

run('live', async (t) => {
  const { page } = t;
  assert.equal((await t.api('POST', '/api/v1/topics', { namespace: 'mqtt', name: 'doorbell', display_name: 'Door bell' })).status, 201);
  const device = await mqttDevice(t, 'doorbell');

  await page.goto(t.url('/'));
  await t.signIn();
  await page.goto(t.url('/#/topic/mqtt/doorbell'));
  await page.getByRole('heading', { name: 'Door bell' }).waitFor();
  await page.locator('[data-live="live"]').waitFor();
  const stream = page.getByRole('list', { name: 'Live messages' });

  await device.publish('doorbell', 'ring-1');
  await waitForText(stream, 'ring-1');

  // the page's own send form: the device and the stream both get it
  const form = page.locator('form.send-card');
  await form.getByLabel('Message').fill('from-console');
  await form.getByRole('button', { name: 'Send' }).click();
  await waitForText(form.getByRole('status'), 'Sent from-console');
  await device.waitFor('from-console');
  await waitForText(stream, 'from-console');
  // seen live and by the poll: listed once (a stored marker sent after it proves the poll ran)
  assert.equal((await t.api('POST', '/api/v1/topics/mqtt/doorbell/messages', { message: 'marker-1', suffix: 'up' })).status, 200);
  await waitForText(stream, 'marker-1');
  const payloads = await stream.locator('.payload').allInnerTexts();
  assert.equal(payloads.filter((p) => p === 'from-console').length, 1, `listed once: ${payloads}`);

  // to /set: the device gets it, and the console (another connection) too
  await form.getByLabel('Message').fill('via-set');
  await form.getByRole('radio', { name: '/set' }).click();
  await form.getByRole('button', { name: 'Send' }).click();
  await device.waitFor('via-set');
  await waitForText(stream, 'via-set');

  // /up is delivered to nobody: it shows as a stored value
  await device.publish('doorbell/up', 'battery-low');
  await waitForText(stream.locator('.how-stored'), 'battery-low');
  assert.ok(!device.received.includes('battery-low'));
  await t.shot('topic-live');

  // history: 25 more messages, a page of 20, then the older ones
  for (let i = 1; i <= 25; i++) {
    const r = await t.api('POST', '/api/v1/topics/mqtt/doorbell/messages', { message: `h${i}`, suffix: 'up' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const history = page.locator('table.history tbody tr');
  await waitForText(page.locator('table.history tbody tr').first(), 'h25');
  await waitFor('a page of 20', () => history.count(), (n) => n === 20);
  await page.getByRole('button', { name: 'Older messages' }).click();
  await waitFor('the older page', () => history.count(), (n) => n > 20);
  assert.match(await page.locator('table.history').innerText(), /ring-1/);

  // a TCP topic: its values come by polling
  assert.equal((await t.api('POST', '/api/v1/topics', { namespace: 'tcp', name: 'gate', display_name: 'Gate' })).status, 201);
  await page.goto(t.url('/#/topic/tcp/gate'));
  await page.getByRole('heading', { name: 'Gate' }).waitFor();
  const tcp = await lineDevice(t);
  tcp.send(`cmd=1&uid=${t.key}&topic=gate`);
  await tcp.waitFor(/^cmd=1&res=1$/);
  await waitForText(page.locator('.state-card'), '1 online');
  tcp.send(`cmd=2&uid=${t.key}&topic=gate/up&msg=open`);
  await waitForText(page.getByRole('list', { name: 'Live messages' }), 'open');
  await waitForText(page.getByTestId('latest-value'), 'open');
});
