import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

export const baseUrl = (): string => {
  const url = process.env.CAU_E2E_BASE_URL;
  if (!url)
    throw new Error(
      'CAU_E2E_BASE_URL is unset: run the tests with "npx playwright test" (global setup starts the platform)',
    );
  return url;
};

const here = path.dirname(fileURLToPath(import.meta.url));
const MAIL_DIR = path.resolve(here, '..', '..', 'var', 'e2e', 'mail');
const SCREENSHOT_DIR = path.resolve(here, '..', '..', 'var', 'e2e', 'screenshots');

/** The HTTP API as an API client uses it (bearer tokens): to set up what a test needs and to act as staff. */
export class Api {
  constructor(private readonly token: string) {}

  static async login(email: string, password: string): Promise<Api> {
    const answer = await fetch(`${baseUrl()}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!answer.ok) throw new Error(`login ${email}: ${answer.status} ${await answer.text()}`);
    return new Api(((await answer.json()) as { accessToken: string }).accessToken);
  }

  static admin(): Promise<Api> {
    const { email, password } = JSON.parse(process.env.CAU_E2E_ADMIN ?? '{}') as { email: string; password: string };
    return Api.login(email, password);
  }

  async send<T = unknown>(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const answer = await fetch(`${baseUrl()}/api/v1${url}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${url}: ${answer.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** Repeats a call until it succeeds: the read side and the area's queue learn of a ticket through events. */
  async eventually<T>(method: string, url: string, body?: unknown, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await this.send<T>(method, url, body);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }
}

export const PASSWORD = 'clave-de-prueba-portal';

/** A small but real PDF: attachments are checked and kept by their content, not their name. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);

/** An account created by the administrator, with the password the tests type in. */
export async function createAccount(
  admin: Api,
  account: { email: string; name: string; role: string; jurisdiction?: string; area?: string },
): Promise<void> {
  await admin.send('POST', '/accounts', { ...account, password: PASSWORD });
}

export const unique = (): string => Math.random().toString(36).slice(2, 8);

/** Every mail sent so far (raw text), oldest first. */
export function allMails(): string[] {
  return readdirSync(MAIL_DIR)
    .sort()
    .map((name) => readFileSync(path.join(MAIL_DIR, name), 'utf8'));
}

/** The raw text of every mail sent so far to `address`, waiting until `predicate` finds one. */
export async function waitForMail(
  address: string,
  predicate: (raw: string) => boolean,
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const name of readdirSync(MAIL_DIR).sort()) {
      const raw = readFileSync(path.join(MAIL_DIR, name), 'utf8');
      if (raw.toLowerCase().includes(address.toLowerCase()) && predicate(raw)) return raw;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${address} matched within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The links of a mail (quoted-printable soft breaks undone), in the order they appear. */
export function linksIn(raw: string): string[] {
  const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  return [...new Set(text.match(/https?:\/\/[^\s"'<>)\]]+/g) ?? [])];
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto(`${baseUrl()}/ingresar`);
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Ingresar al CAU');
}

/**
 * Checks the page with axe (no serious or critical violation) and saves screenshots at desk and phone
 * sizes in var/e2e/screenshots, to be looked at.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await layoutSettled(page);
  let blocking = await blockingViolations(page);
  // A notice that starts fading out while axe reads it is measured half transparent, and its text fails the
  // contrast rule. A real violation is still there once every animation has ended: read the page again then.
  if (blocking.length > 0) {
    await layoutSettled(page);
    blocking = await blockingViolations(page);
  }
  expect(
    blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `axe on ${name}`,
  ).toEqual([]);
  const original = page.viewportSize() ?? { width: 1366, height: 768 };
  // A whole-page picture of a scrolled page draws the fixed header where the window was, across the content:
  // taken from the top, then the test goes on where it was.
  const scrolled = await page.evaluate(() => window.scrollY);
  for (const [label, size] of [
    ['desk', { width: 1366, height: 768 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    // The shell slides its menu in or out when the width crosses its breakpoint: photograph the result.
    await layoutSettled(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(original);
  await page.evaluate((y) => window.scrollTo(0, y), scrolled);
  // Back at its width the shell slides its menu again; a click during the slide lands where the button was.
  await layoutSettled(page);
}

async function blockingViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** After a resize: two frames for the new layout (and its transitions) to start, then every animation done. */
async function layoutSettled(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
}

/** Reloads until `locator` shows: for what the read side learns through events after an API call. */
export async function showsAfterReload(page: Page, locator: Locator, timeoutMs = 60_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await expect(locator.first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: timeoutMs });
}
