// The topic list: create topics in both namespaces (with the errors for a taken or invalid name),
// live values without reload, search and sort, rename and delete.

import assert from 'node:assert/strict';
import { run, waitFor, waitForText } from './support/harness.mjs';
import { mqttDevice } from './support/devices.mjs';

async function createTopic(page, name, displayName) {
  await page.locator('#new-topic').click();
  const dialog = page.getByRole('dialog', { name: 'New topic' });
  await dialog.locator('input[name=name]').fill(name);
  if (displayName) await dialog.locator('input[name=display_name]').fill(displayName);
  await dialog.getByRole('button', { name: 'Create topic' }).click();
  return dialog;
}

run('topics', async (t) => {
  const { page } = t;
  await page.goto(t.url('/'));
  await t.signIn();
  await waitForText(page.locator('.empty'), 'No topics in the MQTT namespace yet.');

  let dialog = await createTopic(page, 'light002', 'Kitchen');
  await dialog.waitFor({ state: 'detached' });
  const kitchen = page.locator('[data-topic="light002"]');
  await waitForText(kitchen, 'Kitchen');
  await waitForText(kitchen, 'light002 · Light');
  assert.equal((await t.api('GET', '/api/v1/topics/mqtt/light002')).body.topic.display_name, 'Kitchen');

  dialog = await createTopic(page, 'light002');
  await waitForText(dialog.getByRole('alert'), 'already has a topic “light002”');
  await dialog.locator('input[name=name]').fill('bad name!');
  await dialog.getByRole('button', { name: 'Create topic' }).click();
  await waitForText(dialog.getByRole('alert'), '1 to 64 letters, digits');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await createTopic(page, 'fan003', 'Ceiling fan');
  await createTopic(page, 'plug001', 'Desk plug');
  await waitForText(page.locator('[data-topic="plug001"]'), 'Desk plug');

  // TCP namespace
  await page.getByRole('tab', { name: /TCP/ }).click();
  await waitForText(page.locator('.empty'), 'No topics in the TCP namespace yet.');
  dialog = await createTopic(page, 'temp004', 'Hallway');
  await waitForText(page.locator('[data-topic="temp004"]'), 'temp004 · Sensor');
  assert.equal((await t.api('GET', '/api/v1/topics/tcp/temp004')).status, 200);
  await waitForText(page.getByRole('tab', { name: /TCP/ }), /1/);
  await page.getByRole('tab', { name: /MQTT/ }).click();
  await waitForText(page.getByRole('tab', { name: /MQTT/ }), /3/);

  // a device's message shows up without reload
  const device = await mqttDevice(t);
  await device.publish('light002', 'on#80');
  await waitForText(kitchen.locator('.value'), 'on#80');
  await device.publish('fan003/up', 'on#2#1');
  await waitForText(page.locator('[data-topic="fan003"] .value'), 'on#2#1');

  // search and sort
  await page.getByLabel('Search topics').fill('kitch');
  await waitFor('one row', () => page.locator('.topic-row').count(), (n) => n === 1);
  await page.getByLabel('Search topics').fill('');
  await waitFor('three rows', () => page.locator('.topic-row').count(), (n) => n === 3);
  const order = () => page.locator('.topic-row').evaluateAll((rows) => rows.map((r) => r.dataset.topic));
  assert.deepEqual(await order(), ['fan003', 'plug001', 'light002'], 'sorted by the name shown');
  await page.getByLabel('Sort topics').selectOption('updated');
  await waitFor('newest first', order, (o) => o[0] === 'fan003' && o[1] === 'light002' && o[2] === 'plug001');
  await t.shot('topics');

  // rename and delete on the topic page
  await kitchen.locator('a').click();
  await page.getByRole('heading', { name: 'Kitchen' }).waitFor();
  await page.getByRole('button', { name: 'Rename' }).click();
  dialog = page.getByRole('dialog', { name: 'Rename topic' });
  await dialog.locator('input[name=display_name]').fill('Kitchen light');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Kitchen light' }).waitFor();
  assert.equal((await t.api('GET', '/api/v1/topics/mqtt/light002')).body.topic.display_name, 'Kitchen light');

  await page.getByRole('button', { name: 'Delete' }).click();
  dialog = page.getByRole('dialog', { name: 'Delete topic' });
  await dialog.getByRole('button', { name: 'Delete topic' }).click();
  await page.getByRole('heading', { name: 'Topics' }).waitFor();
  await waitFor('the row to go', () => page.locator('[data-topic="light002"]').count(), (n) => n === 0);
  assert.equal((await t.api('GET', '/api/v1/topics/mqtt/light002')).status, 404);
});
