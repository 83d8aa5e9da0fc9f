// A fleet of 1000 simulated sensors (`roost sim`) in the console: every device shows up in the topic
// list with its reading and as online, and the online badges count exactly the fleet; once the
// fleet stops, they all turn offline.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { run, waitFor } from './support/harness.mjs';

const FLEET = 1000;

run('sim_fleet', async (t) => {
  const { page } = t;
  const sim = spawn(process.env.ROOST_BIN, ['sim', '--server', `${t.bemfa.host}:${t.bemfa.port}`,
    '--key', t.key, '--kind', 'sensor', '--count', String(FLEET), '--interval', '5', '--duration', '120'],
  { stdio: ['ignore', 'ignore', 'pipe'] });
  let simLog = '';
  sim.stderr.on('data', (d) => { simLog = (simLog + d).slice(-4000); });
  const exited = new Promise((resolve) => sim.on('exit', (code) => resolve(code)));
  t.onCleanup(() => sim.kill('SIGKILL'));

  await page.goto(t.url('/'));
  await t.signIn();
  const rows = page.locator('.topic-row');
  const online = page.locator('.topic-row .badge.online');
  try {
    await waitFor(`${FLEET} sensor rows`, () => rows.count(), (n) => n === FLEET, 60000);
    await waitFor(`${FLEET} online badges`, () => online.count(), (n) => n === FLEET, 60000);
  } catch (e) {
    throw new Error(`${e.message}\nroost sim said:\n${simLog}`);
  }
  // Each device is online once, and each shows a `#temp#humi` reading.
  const badges = await online.evaluateAll((els) => els.map((el) => el.textContent.trim()));
  assert.ok(badges.every((b) => b === '1 online'), `badges: ${[...new Set(badges)].join(', ')}`);
  const values = await page.locator('.topic-row .value').evaluateAll((els) => els.map((el) => el.textContent.trim()));
  const readings = values.filter((v) => /^#-?\d+(\.\d+)?#\d+(\.\d+)?$/.test(v));
  assert.equal(readings.length, FLEET, `values without a reading: ${values.filter((v) => !readings.includes(v)).slice(0, 5)}`);
  // The API the page polls agrees.
  const { body } = await t.api('GET', '/api/v1/topics?ns=mqtt');
  assert.equal(body.topics.filter((x) => x.online > 0).length, FLEET);

  sim.kill('SIGTERM');
  assert.equal(await exited, 0, `roost sim exit status; it said:\n${simLog}`);
  await waitFor('every badge offline', () => online.count(), (n) => n === 0, 30000);
});
