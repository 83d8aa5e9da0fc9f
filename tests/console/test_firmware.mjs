// OTA: upload a firmware file for a topic, see it published (version, size, CRC-32, URL), download
// it from that URL, send the `update` message to the device, and get a clear error over the limit.

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run, waitForText } from './support/harness.mjs';
import { mqttDevice } from './support/devices.mjs';

const LIMIT = 64 * 1024;

function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ((~c) >>> 0).toString(16).padStart(8, '0');
}

const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roost-console-config-')), 'roost.toml');
fs.writeFileSync(config, `[http]\nmax_firmware = ${LIMIT}\n`);

run('firmware', async (t) => {
  const { page } = t;
  t.onCleanup(() => fs.rmSync(path.dirname(config), { recursive: true, force: true }));
  assert.equal((await t.api('POST', '/api/v1/topics', { namespace: 'mqtt', name: 'heater001', display_name: 'Heater plug' })).status, 201);
  const device = await mqttDevice(t, 'heater001');

  await page.goto(t.url('/'));
  await t.signIn();
  await page.goto(t.url('/#/topic/mqtt/heater001'));
  await page.getByRole('heading', { name: 'Heater plug' }).waitFor();
  const ota = page.locator('.ota-card');
  await waitForText(ota, 'No firmware published.');

  const firmware = crypto.randomBytes(5000);
  await ota.locator('input[type=file]').setInputFiles({ name: 'heater.bin', mimeType: 'application/octet-stream', buffer: firmware });
  await ota.locator('input[name=version]').fill('1.2.0');
  await ota.locator('input[name=tag]').fill('stable');
  await ota.getByRole('button', { name: 'Upload' }).click();
  await waitForText(page.getByTestId('firmware-version'), '1.2.0');
  const facts = page.getByTestId('firmware');
  await waitForText(facts, '5000 bytes');
  await waitForText(facts, crc32(firmware));
  await waitForText(facts, 'stable');
  const url = await facts.locator('a').getAttribute('href');
  assert.match(url, /^http:\/\/.+\/firmware\/.+\.bin$/);
  const download = await fetch(url);
  assert.equal(download.status, 200);
  assert.ok(Buffer.from(await download.arrayBuffer()).equals(firmware), 'the download is the uploaded file');

  // the page shows it again after a reload
  await page.reload();
  await waitForText(page.getByTestId('firmware-version'), '1.2.0');

  await ota.getByRole('button', { name: 'Send “update”' }).click();
  await device.waitFor('update');
  await t.shot('topic-firmware');

  // over the limit: the server's 413, said plainly
  await ota.locator('input[type=file]').setInputFiles({ name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(LIMIT + 1, 7) });
  await ota.locator('input[name=version]').fill('9.9.9');
  await ota.getByRole('button', { name: 'Upload' }).click();
  await waitForText(ota.getByRole('alert'), 'larger than the server accepts');
  await waitForText(page.getByTestId('firmware-version'), '1.2.0');

  await ota.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog', { name: 'Remove firmware' }).getByRole('button', { name: 'Remove' }).click();
  await waitForText(ota, 'No firmware published.');
  assert.equal((await fetch(url)).status, 404);
}, { serverArgs: ['--config', config] });
