// The operator page: the admin key is checked, tenants are listed, a new tenant's key is shown and
// works for signing in, and a tenant is removed after confirmation.

import assert from 'node:assert/strict';
import { run, waitFor, waitForText } from './support/harness.mjs';

const ADMIN_KEY = 'operator-secret-1234';

run('admin', async (t) => {
  const { page } = t;
  await page.goto(t.url('/#/admin'));
  await page.getByRole('heading', { name: 'Operator' }).waitFor();
  await page.locator('#admin-key').fill('wrong-key');
  await page.getByRole('button', { name: 'Continue' }).click();
  await waitForText(page.getByRole('alert'), 'The admin key was refused');

  await page.locator('#admin-key').fill(ADMIN_KEY);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Tenants' }).waitFor();
  await waitForText(page.locator('[data-tenant="default"]'), 'default');

  await page.getByLabel('Tenant name').fill('garage');
  await page.getByRole('button', { name: 'Create' }).click();
  const key = await waitForText(page.getByTestId('new-key'), /^[0-9a-f]{32}$/);
  await waitForText(page.locator('[data-tenant="garage"]'), 'garage');
  await t.shot('admin');

  // the new key signs in
  const me = await t.api('GET', '/api/v1/me', undefined, key);
  assert.equal(me.body.tenant.name, 'garage');

  await page.getByRole('button', { name: 'Remove tenant garage' }).click();
  await page.getByRole('dialog', { name: 'Remove tenant' }).getByRole('button', { name: 'Remove tenant' }).click();
  await waitFor('the row to go', () => page.locator('[data-tenant="garage"]').count(), (n) => n === 0);
  assert.equal((await t.api('GET', '/api/v1/me', undefined, key)).status, 401);

  // the operator page and a tenant's sign-in are separate
  await page.getByRole('link', { name: 'Topics' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await t.signIn();
  await page.getByRole('link', { name: 'Operator' }).click();
  await page.getByRole('heading', { name: 'Tenants' }).waitFor();
}, { serverArgs: ['--admin-key', ADMIN_KEY] });
