// The console in headless Chromium, as a person uses it: sign in, create a campaign, watch it progress, and the
// role checks. Run by ConsoleBrowserIT (console module), which starts the console and the services and passes:
//   CONSOLE_URL, SENDER_TOKEN (a campaign-sender's token for PROGRAM), PROGRAM, SENDER, NUMBERS (comma-separated,
//   fresh), BAD_NUMBER, SCREENSHOTS (a directory), PROGRESS_TIMEOUT_MS.
// Debian's chromium, never a browser download: playwright-core only drives it.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const base = env('CONSOLE_URL').replace(/\/$/, '');
const shots = env('SCREENSHOTS');
const numbers = env('NUMBERS').split(',');
const program = env('PROGRAM');
const progressTimeout = Number(process.env.PROGRESS_TIMEOUT_MS || 120000);
mkdirSync(shots, { recursive: true });

const results = [];
async function step(name, run) {
  const started = Date.now();
  try {
    await run();
    results.push({ name, ok: true });
    console.log(`ok    ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name}: ${e.stack || e}`);
    console.log(`      at ${page.url()}:\n${(await page.locator('main').innerText().catch(() => '')).slice(0, 2000)}`);
    await page.screenshot({ path: join(shots, `failed.png`) }).catch(() => {});
    throw e;
  }
}

const userDataDir = mkdtempSync(join(tmpdir(), 'console-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1024, height: 720 },
});
const page = context.pages()[0] || await context.newPage();
page.setDefaultTimeout(15000);
const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`) });
const text = async (selector) => (await page.locator(selector).innerText()).trim();

try {
  await step('without a session the console asks to sign in', async () => {
    await page.goto(`${base}/campaigns`);
    assert.match(page.url(), /\/sign-in$/);
    await page.getByLabel('Bearer token').waitFor();
    await shot('sign-in');
  });

  await step('a token the platform refuses is reported next to the field', async () => {
    await page.getByLabel('Bearer token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    assert.match(await text('#token-error'), /not accepted/);
    assert.equal(await page.getByLabel('Bearer token').getAttribute('aria-invalid'), 'true');
  });

  await step('a campaign-sender signs in with a pasted token; the session cookie is HttpOnly and Strict', async () => {
    await page.getByLabel('Bearer token').fill(env('SENDER_TOKEN'));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: /Hello/ }).waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === 'console-session');
    assert.ok(cookie, 'session cookie set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(await page.evaluate(() => document.cookie.includes('console-session')), false);
    await shot('home');
  });

  await step('the keyboard reaches the skip link first and the navigation next', async () => {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Campaigns');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/campaigns$/);
    assert.match(await text('#campaign-rows'), /No campaign yet/);
  });

  let campaignUrl;
  await step('a refused number is reported next to the numbers field, by its line', async () => {
    await page.goto(`${base}/campaigns/new`);
    await page.getByLabel('Program', { exact: true }).selectOption(program);
    await page.getByLabel('Sender').fill(env('SENDER'));
    await page.getByLabel('Numbers').fill([env('BAD_NUMBER'), ...numbers].join('\n'));
    await page.getByLabel('Text', { exact: true }).fill('Console test: winter sale, 20% off until Sunday.');
    await page.getByRole('button', { name: 'Send the campaign' }).click();
    assert.match(await text('#numbers-error'), /number 1: /);
    assert.equal(await page.getByLabel('Numbers').getAttribute('aria-invalid'), 'true');
    // What was typed is still there.
    assert.equal(await page.getByLabel('Sender').inputValue(), env('SENDER'));
    await shot('new-campaign-error');
  });

  await step('the campaign is created and its progress reaches SUBMITTED for every number', async () => {
    await page.getByLabel('Numbers').fill(numbers.join('\n'));
    await shot('new-campaign');
    await page.getByRole('button', { name: 'Send the campaign' }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    campaignUrl = page.url();
    assert.equal(await text('#campaign-state'), 'REQUESTED');
    // htmx replaces the progress every 2 s: wait for every message to be submitted (or delivered since).
    await page.waitForFunction((n) => {
      const count = (o) => Number(document.querySelector(`tr[data-outcome="${o}"] td`)?.textContent || 0);
      return count('SUBMITTED') + count('DELIVERED') === n;
    }, numbers.length, { timeout: progressTimeout, polling: 500 });
    await shot('campaign');
    // A campaign-sender sees numbers masked.
    const recipients = await page.locator('#progress tbody').last().innerText();
    for (const number of numbers) assert.ok(!recipients.includes(number), 'number masked');
  });

  await step('the campaigns list shows it with its state and counts, on a phone too', async () => {
    await page.goto(`${base}/campaigns`);
    const row = page.locator('#campaign-rows tr', { hasText: 'Console test: winter sale' });
    await row.waitFor();
    assert.match(await row.innerText(), /REQUESTED/);
    assert.equal(await row.getByRole('link').getAttribute('href'), new URL(campaignUrl).pathname);
    await shot('campaigns');
    await page.setViewportSize({ width: 390, height: 760 });
    const scrollWidth = await page.evaluate(() => document.body.scrollWidth);
    assert.ok(scrollWidth <= 390, `no sideways scrolling of the page on a phone (${scrollWidth}px)`);
    await shot('campaigns-phone');
    await page.setViewportSize({ width: 1024, height: 720 });
  });

  await step('a user without a compliance role gets 403 on the lookup page', async () => {
    const answer = await page.goto(`${base}/compliance/lookup`);
    assert.equal(answer.status(), 403);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await shot('forbidden');
  });

  await step('a compliance officer (dev sign-in) looks up a number', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel('Role').selectOption('compliance-officer');
    await page.getByRole('button', { name: 'Sign in with a dev token' }).click();
    await page.getByRole('heading', { name: /Hello, dev-compliance-officer/ }).waitFor();
    const answer = await page.goto(`${base}/compliance/lookup`);
    assert.equal(answer.status(), 200);
    await page.getByLabel('Phone number').fill('12ab');
    await page.getByRole('button', { name: 'Look up' }).click();
    assert.match(await text('#number-error'), /Not a phone number/);
    await page.getByLabel('Phone number').fill(numbers[0]);
    await page.getByRole('button', { name: 'Look up' }).click();
    // A compliance officer may read whole numbers.
    assert.equal(await text('#result-title'), numbers[0]);
    assert.match(await text('#lookup-result'), /Replies kept for review/);
    await shot('lookup');
    const campaigns = await page.goto(`${base}/campaigns`);
    assert.equal(campaigns.status(), 403);
  });
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
}
