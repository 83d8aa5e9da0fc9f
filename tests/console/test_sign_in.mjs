// Sign-in with the private key: a wrong key is refused with a clear message, the right one opens
// the topic list and is remembered across reloads until sign-out.

import assert from 'node:assert/strict';
import { run, waitForText } from './support/harness.mjs';

run('sign_in', async (t) => {
  const { page } = t;
  await page.goto(t.url('/'));
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await t.shot('sign-in');

  await page.locator('#private-key').fill('0123456789abcdef0123456789abcdef');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForText(page.getByRole('alert'), 'This private key is not known to this server.');

  await page.locator('#private-key').fill('');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForText(page.getByRole('alert'), 'Enter the private key');

  await t.signIn();
  await waitForText(page.locator('.tenant'), /^default$/);
  await page.locator('[data-live="live"]').waitFor(); // the live stream connected over WebSocket

  await page.reload();
  await page.getByRole('heading', { name: 'Topics' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('roost.key')), t.key, 'the key is remembered');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('roost.key')), null, 'sign-out forgets the key');
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
});
