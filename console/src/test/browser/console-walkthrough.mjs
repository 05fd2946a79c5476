// The console in headless Chromium, as people use it: a campaign manager sends a campaign from a CSV file and
// watches it; a recipient replies STOP; a compliance officer answers "why?" for that number. Run by
// ConsoleBrowserIT (console module), which starts the console and the services and passes:
//   CONSOLE_URL, SENDER_TOKEN (a campaign-sender's token for PROGRAM), PROGRAM, SENDER (its short code), NUMBERS
//   (comma-separated, fresh, each with a consent record), BAD_NUMBER, SIMULATOR_URL (the carrier simulator's
//   admin), SCREENSHOTS (a directory), PROGRESS_TIMEOUT_MS.
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
const sender = env('SENDER');
const simulator = env('SIMULATOR_URL').replace(/\/$/, '');
const progressTimeout = Number(process.env.PROGRESS_TIMEOUT_MS || 90000);
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
    console.log(`      at ${page.url()}:\n${(await page.locator('main').innerText().catch(() => '')).slice(0, 3000)}`);
    await page.screenshot({ path: join(shots, `failed.png`), fullPage: true }).catch(() => {});
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
const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const text = async (selector) => (await page.locator(selector).first().innerText()).trim();
const cell = async (selector) => Number(await text(selector));

// Line 1 is the header; line 2 is not a number; the rest are the recipients (the last one's name needs UCS-2).
const names = ['Ann', 'Bob', 'Иван'];
const csv = ['phone,firstName', `${env('BAD_NUMBER')},Zoe`, ...numbers.map((n, i) => `${n},${names[i % names.length]}`)]
  .join('\n') + '\n';

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

  await step('the programs page shows the program its sender, help and footer texts', async () => {
    await page.getByRole('link', { name: 'Programs', exact: true }).first().click();
    const section = page.locator('section.program', { has: page.getByRole('heading', { name: program, exact: true }) });
    const shown = await section.innerText();
    assert.match(shown, new RegExp(`${sender}\\s+SHORT_CODE`));
    assert.match(shown, /STOP au \{sender\}/);
    assert.match(shown, /ACME: 2 SMS a month/);
    await shot('programs');
  });

  let draftUrl;
  await step('a new campaign: a missing text is reported next to its field, then the draft is created', async () => {
    await page.getByRole('link', { name: 'New campaign' }).first().click();
    await page.getByLabel('Program', { exact: true }).selectOption(program);
    await page.getByLabel('Sender', { exact: true }).selectOption(sender);
    await page.getByRole('button', { name: 'Next: the audience' }).click();
    assert.match(await text('#body-error'), /Write the text/);
    assert.equal(await page.getByLabel('Text', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Sender', { exact: true }).inputValue(), sender, 'what was chosen stays');
    await shot('new-campaign-error');
    await page.getByLabel('Text', { exact: true }).fill('Hi {{firstName}}, console test: winter sale, 20% off until Sunday.');
    await shot('new-campaign');
    await page.getByRole('button', { name: 'Next: the audience' }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}\/draft$/);
    draftUrl = page.url();
  });

  await step('the CSV upload fills its progress bar and reports the bad row by its line', async () => {
    await page.getByLabel('Audience (CSV file)').setInputFiles({ name: 'audience.csv', mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.locator('#upload-summary').waitFor();
    assert.equal(await text('#upload-state'), 'DONE');
    assert.equal(await cell('#upload-accepted'), numbers.length);
    assert.equal(await cell('#upload-rejected'), 1);
    const refused = page.locator('#rejections tr[data-line="2"]');
    assert.match(await refused.innerText(), /INVALID_NUMBER/);
    const bar = page.locator('progress.upload');
    assert.equal(await bar.evaluate((b) => b.value === b.max && b.value > 0), true, 'the upload bar is full');
  });

  await step('the preview shows each sample\'s text with its footer, encoding and parts, and the total', async () => {
    const encodings = await page.locator('#preview td[data-encoding]').allInnerTexts();
    assert.deepEqual([...new Set(encodings)].sort(), ['GSM7', 'UCS2']);
    const parts = (await page.locator('#preview td[data-segments]').allInnerTexts()).map(Number);
    assert.equal(parts.length, numbers.length);
    assert.equal(await cell('#total-segments'), parts.reduce((a, b) => a + b, 0));
    const rows = await page.locator('#preview tbody').innerText();
    assert.match(rows, /Hi Иван, console test/);
    assert.match(rows, new RegExp(`STOP au ${sender}`), 'the program\'s French footer');
    for (const number of numbers) assert.ok(!rows.includes(number), 'numbers masked in the preview');
    await shot('new-campaign-audience');
  });

  let campaignUrl;
  await step('scheduling: "at a time" without a time is refused next to the field; "now" sends it', async () => {
    await page.getByLabel('At a time').check();
    await page.getByRole('button', { name: 'Send the campaign' }).click();
    assert.match(await text('#sendAt-error'), /date and time/);
    assert.equal(await page.getByLabel('At (UTC)').getAttribute('aria-invalid'), 'true');
    assert.equal(page.url(), draftUrl.replace(/\/draft$/, '/draft/send'));
    await page.getByLabel('Now', { exact: true }).check();
    await page.getByRole('button', { name: 'Send the campaign' }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    campaignUrl = page.url();
  });

  await step('the campaign\'s progress reaches SUBMITTED for every recipient, drawn over time', async () => {
    await page.waitForFunction((n) => {
      const count = (o) => Number(document.querySelector(`#outcomes tr[data-outcome="${o}"] td`)?.textContent || 0);
      return count('SUBMITTED') === n;
    }, numbers.length, { timeout: progressTimeout, polling: 500 });
    assert.equal(await page.locator('#progress svg polyline.line-submitted').count(), 1);
    assert.match(await text('#progress figcaption'), new RegExp(`submitted ${numbers.length}`));
    const recipients = await text('#messages tbody');
    for (const number of numbers) assert.ok(!recipients.includes(number), 'numbers masked for a campaign-sender');
    await shot('campaign');
  });

  await step('the campaigns list shows it with its state and counts, on a phone too', async () => {
    await page.goto(`${base}/campaigns`);
    const row = page.locator('#campaign-rows tr', { has: page.locator(`a[href="${new URL(campaignUrl).pathname}"]`) });
    await row.waitFor();
    assert.match(await row.innerText(), /Hi \{\{firstName\}\}, console test/);
    assert.match(await row.innerText(), /REQUESTED/);
    assert.equal(await row.locator('td[data-outcome="SUBMITTED"]').innerText(), String(numbers.length));
    await shot('campaigns');
    await page.setViewportSize({ width: 390, height: 760 });
    const scrollWidth = await page.evaluate(() => document.body.scrollWidth);
    assert.ok(scrollWidth <= 390, `no sideways scrolling of the page on a phone (${scrollWidth}px)`);
    await shot('campaigns-phone');
    await page.setViewportSize({ width: 1024, height: 720 });
  });

  await step('a campaign-sender gets the 403 page on the compliance pages', async () => {
    const answer = await page.goto(`${base}/compliance/lookup`);
    assert.equal(answer.status(), 403);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await shot('forbidden');
  });

  const stopper = numbers[0];
  await step('a recipient replies STOP to the short code, through the carrier simulator', async () => {
    const answer = await fetch(`${simulator}/admin/inbound`, { method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ from: stopper, to: sender, text: 'STOP' }) });
    assert.equal(answer.status, 202, 'delivered on the SMPP session');
  });

  await step('a compliance officer looks the number up: the opt-out with its evidence and the confirmation', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel('Role').selectOption('compliance-officer');
    await page.getByRole('button', { name: 'Sign in with a dev token' }).click();
    await page.getByRole('heading', { name: /Hello, dev-compliance-officer/ }).waitFor();
    await page.getByRole('link', { name: 'Look up a number' }).first().click();
    await page.getByLabel('Phone number').fill('12ab');
    await page.getByRole('button', { name: 'Look up' }).click();
    assert.match(await text('#number-error'), /Not a phone number/);
    await page.getByLabel('Phone number').fill(stopper);
    await page.getByLabel('Program (optional)').fill(program);
    await page.getByRole('button', { name: 'Look up' }).click();
    // The opt-out is effective at once; the timeline follows its consumers: look again until the confirmation shows.
    const deadline = Date.now() + 60000;
    const complete = async () => (await page.locator('#evidence tr[data-action="OPT_OUT"]').count()) > 0
      && (await page.locator('#timeline-messages tr[data-category="CONFIRMATION"][data-state="SUBMITTED"], '
        + '#timeline-messages tr[data-category="CONFIRMATION"][data-state="DELIVERED"]').count()) > 0;
    while (!(await complete())) {
      assert.ok(Date.now() < deadline, 'the opt-out and its confirmation within 60 s');
      await page.waitForTimeout(1000);
      await page.reload();
    }
    assert.equal(await text('#result-title'), stopper, 'a compliance officer reads whole numbers');
    assert.match(await text('#may-send'), /may not send/);
    assert.match(await text(`#suppression tr[data-scope="program:${program}"]`), /suppressed/);
    const evidence = await text('#evidence tr[data-action="OPT_OUT"]');
    assert.match(evidence, /KEYWORD/);
    assert.match(evidence, /STOP/);
    assert.match(await text('#evidence tr[data-action="CONSENT_GRANTED"]'), /Yes, send me ACME offers by SMS/);
    assert.match(await text(`#consent tr[data-program="${program}"]`), /REVOKED/);
    assert.equal(await page.locator('#timeline-messages tr[data-category="MARKETING"]').count(), 1);
    const exported = await page.evaluate(async () => {
      const answer = await fetch(document.querySelector('#timeline-csv').href);
      return { type: answer.headers.get('content-type'), body: await answer.text() };
    });
    assert.match(exported.type, /text\/csv/);
    assert.match(exported.body, /^occurred_at,kind,/);
    assert.match(exported.body, /OPT_OUT/);
    assert.equal(await page.locator('#erase-title').count(), 0, 'no erasure for a compliance officer');
    await shot('lookup');
    // the confirmation's own history, from the timeline's link
    await page.locator('#timeline-messages tr[data-category="CONFIRMATION"] a').first().click();
    await page.getByRole('heading', { name: 'Message', exact: true }).waitFor();
    assert.match(await text('main'), /requested, CONFIRMATION/);
    assert.match(await text('main'), /SUBMITTED at /);
    await shot('message');
    await page.goBack();
  });

  await step('the officer opts another recipient out: the reason is required, then the opt-out is in effect', async () => {
    await page.getByLabel('Phone number').fill(numbers[1]);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByRole('button', { name: 'Opt out', exact: true }).click();
    assert.match(await text('#change-reason-error'), /Say why/);
    assert.equal(await page.getByLabel('Reason', { exact: true }).getAttribute('aria-invalid'), 'true');
    await page.getByLabel('Reason', { exact: true }).fill('asked by phone, ticket 4711');
    await page.getByRole('button', { name: 'Opt out', exact: true }).click();
    assert.match(await text('#done'), /Opt-out recorded/);
    assert.match(await text(`#suppression tr[data-scope="program:${program}"]`), /suppressed/);
    assert.match(await text('#may-send'), /may not send/);
  });

  await step('the compliance officer gets the 403 page on the campaign pages', async () => {
    const campaigns = await page.goto(`${base}/campaigns`);
    assert.equal(campaigns.status(), 403);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
  });
  await step('an admin edits a program: a bad country is refused next to its field, then a new version', async () => {
    const editable = env('EDIT_PROGRAM');
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel('Role').selectOption('admin');
    await page.getByRole('button', { name: 'Sign in with a dev token' }).click();
    await page.getByRole('heading', { name: /Hello, dev-admin/ }).waitFor();
    await page.goto(`${base}/programs`);
    const before = await text(`#version-${editable}`);
    await page.getByRole('link', { name: `Edit ${editable}`, exact: true }).click();
    assert.equal(await page.getByLabel('Help text').inputValue(), 'Old help');
    await shot('program-edit');
    await page.getByLabel('Allowed countries').fill('FRA');
    await page.getByRole('button', { name: 'Save a new version' }).click();
    assert.match(await text('#countries-error'), /ISO 3166/);
    assert.equal(await page.getByLabel('Allowed countries').getAttribute('aria-invalid'), 'true');
    await page.getByLabel('Allowed countries').fill('FR BE');
    await page.getByLabel('Help text').fill('ACME alerts: help at acme.example/sms');
    await page.getByLabel('Footers').fill('en: Reply STOP to opt out');
    await page.getByRole('button', { name: 'Save a new version' }).click();
    await page.waitForURL(/\/programs(#.*)?$/);
    const section = await page.locator('section.program', { has: page.getByRole('heading', { name: editable, exact: true }) })
      .innerText();
    assert.match(section, /FR, BE/);
    assert.match(section, /ACME alerts: help at acme\.example\/sms/);
    assert.match(section, /Reply STOP to opt out \(en\)/);
    assert.notEqual(await text(`#version-${editable}`), before, 'a new version');
  });

  await step('the data-protection officer erases a person: reason and confirmation required, then what was removed', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel('Role').selectOption('data-protection');
    await page.getByRole('button', { name: 'Sign in with a dev token' }).click();
    await page.getByRole('heading', { name: /Hello, dev-data-protection/ }).waitFor();
    await page.goto(`${base}/compliance/lookup?number=${encodeURIComponent(numbers[2])}`);
    // compliance-service lets this role erase, not read: the page says so where the timeline would be.
    assert.match(await text('#lookup-result'), /do not allow it/);
    assert.equal(await page.locator('#change-title').count(), 0, 'no opt-out form for data-protection');
    await page.getByRole('button', { name: 'Erase', exact: true }).click();
    assert.match(await text('#erase-error'), /reason/);
    assert.equal(await page.getByLabel('Reason', { exact: true }).getAttribute('aria-invalid'), 'true');
    await page.getByLabel('Reason', { exact: true }).fill('data-subject request 2026-118');
    await page.getByRole('button', { name: 'Erase', exact: true }).click();
    assert.match(await text('#erase-error'), /cannot be undone/);
    assert.equal(await page.getByLabel('Reason', { exact: true }).inputValue(), 'data-subject request 2026-118',
      'what was typed stays');
    await page.getByLabel('I understand this cannot be undone').check();
    await page.getByRole('button', { name: 'Erase', exact: true }).click();
    await page.getByRole('heading', { name: 'Erased' }).waitFor();
    const removed = await text('main');
    assert.match(removed, /consent-ledger: 1/);
    assert.match(removed, /timeline: [1-9]/);
    assert.ok(!removed.includes(numbers[2]), 'the erased number is shown masked to this role');
    await shot('erased');
  });
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
}
