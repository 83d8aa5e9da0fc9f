// A sensor topic (004): a simulated sensor reports `#<temperature>#<humidity>`; the page shows the
// latest fields and charts both over time, adding each new report.

import assert from 'node:assert/strict';
import { run, waitFor, waitForText } from './support/harness.mjs';
import { mqttDevice } from './support/devices.mjs';

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

run('sensor_chart', async (t) => {
  const { page } = t;
  assert.equal((await t.api('POST', '/api/v1/topics', { namespace: 'mqtt', name: 'climate004', display_name: 'Living room' })).status, 201);
  const sensor = await mqttDevice(t);
  const readings = [['21.5', '40'], ['22.0', '44'], ['22.4', '47'], ['21.9', '52'], ['22.8', '50']];
  for (const [temp, humidity] of readings) {
    await sensor.publish('climate004/up', `#${temp}#${humidity}`);
    await pause(30); // distinct times on the chart
  }

  await page.goto(t.url('/'));
  await t.signIn();
  await page.goto(t.url('/#/topic/mqtt/climate004'));
  await page.getByRole('heading', { name: 'Living room' }).waitFor();

  await waitForText(page.locator('[data-field="temperature"]'), /Temperature\s*22\.8\s*°C/);
  await waitForText(page.locator('[data-field="humidity"]'), /Humidity\s*50\s*%/);
  const chart = page.getByTestId('sensor-chart');
  await chart.locator('canvas').waitFor();
  assert.equal(await chart.getAttribute('data-series'), '2', 'temperature and humidity');
  assert.equal(await chart.getAttribute('data-points'), String(readings.length));
  await waitForText(chart.locator('.u-legend'), 'Temperature (°C)');
  await waitForText(chart.locator('.u-legend'), 'Humidity (%)');
  const box = await chart.locator('canvas').boundingBox();
  assert.ok(box.width > 200 && box.height > 100, `the chart has a size: ${JSON.stringify(box)}`);

  // a new report joins the chart without reload
  await sensor.publish('climate004/up', '#23.1#49#on');
  await waitFor('the new point', () => chart.getAttribute('data-points'), (n) => n === String(readings.length + 1));
  await waitForText(page.locator('[data-field="temperature"]'), '23.1');
  await waitForText(page.locator('[data-field="switch"]'), 'on');
  await t.shot('topic-sensor');
});
