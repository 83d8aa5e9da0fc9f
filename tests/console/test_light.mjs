// A light's control: the console sends `on`, `on#<brightness>` and `off`; a simulated light answers
// each with its state on `<topic>/up`, and the page shows that reported state.

import assert from 'node:assert/strict';
import { run, waitForText } from './support/harness.mjs';
import { simulatedLight } from './support/devices.mjs';

run('light', async (t) => {
  const { page } = t;
  assert.equal((await t.api('POST', '/api/v1/topics', { namespace: 'mqtt', name: 'light002', display_name: 'Desk lamp' })).status, 201);
  const light = await simulatedLight(t, 'light002');

  await page.goto(t.url('/'));
  await t.signIn();
  await page.goto(t.url('/#/topic/mqtt/light002'));
  await page.getByRole('heading', { name: 'Desk lamp' }).waitFor();
  const reported = page.getByTestId('reported-state');
  await waitForText(reported, 'nothing reported yet');
  const power = page.getByRole('group', { name: 'Power' });

  await power.getByRole('button', { name: 'On' }).click();
  await light.waitFor('on');
  // `on#100` comes only from the device's report
  await waitForText(reported, /On\s*Brightness 100%/);
  await waitForText(page.getByTestId('latest-value'), 'on#100');

  const slider = page.getByRole('slider', { name: 'Brightness' });
  await slider.fill('40');
  await light.waitFor('on#40');
  await waitForText(reported, 'Brightness 40%');
  assert.equal(await slider.inputValue(), '40');
  await t.shot('topic-light');

  await power.getByRole('button', { name: 'Off' }).click();
  await light.waitFor('off');
  await waitForText(reported, /^Off$/);
  assert.equal(await reported.getAttribute('data-power'), 'off');
  assert.equal(await power.getByRole('button', { name: 'Off' }).getAttribute('aria-pressed'), 'true');
});
