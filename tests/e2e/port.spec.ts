import { expect, test } from '@playwright/test';

// scripts/test-e2e.mjs keeps a decoy server on 4399 (the port these tests once shared with anything
// else) during the run and names it in E2E_DECOY_PORT: the tests must reach their own server only.
const decoyPort = process.env['E2E_DECOY_PORT'];

test('the run tests the server it started, on its own port, while a stranger listens on 4399', async ({ baseURL, request }) => {
  const port = new URL(baseURL!).port;
  expect(port).not.toBe('4399');
  const home = await request.get('/');
  expect(home.status()).toBe(200);
  expect(await home.text()).toContain('Lambda Triage');
  // Under `npm run test:e2e` the decoy is there (so this test could fail had the config reused it).
  if (decoyPort) expect((await request.get(`http://127.0.0.1:${decoyPort}/`)).status()).toBe(418);
});
