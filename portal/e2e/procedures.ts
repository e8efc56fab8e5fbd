import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

/*
 * Shared steps of the procedure specs (procedures 9.1, 9.2, 9.3 of docs/domain.md): people created through the admin API,
 * each in a browser context of their own, acting in the ticket workspace the way workspace.e2e.ts does.
 */

export interface TicketView {
  number: number;
  title: string;
  area: string | null;
  status: string;
  assignee: { accountId: string; name: string } | null;
  serviceLevel: {
    responseDueAt: string | null;
    respondedAt: string | null;
    resolutionDueAt: string | null;
    resolvedAt: string | null;
  } | null;
  timeline: Array<{ type: string; area: string | null; summary: { es: string; en: string } }>;
}

export interface PathView {
  area: string;
  steps: Array<{ from: string | null; to: string; kind: string; reason: string; by: { name: string } | null }>;
}

export interface Person {
  email: string;
  name: string;
  role: 'operator' | 'agent' | 'supervisor';
  area: string;
}

/** A member of staff: their API client (for setup and checks) and their own browser. */
export interface Actor extends Person {
  api: Api;
  context: BrowserContext;
  page: Page;
}

export async function staff(browser: Browser, admin: Api, person: Person): Promise<Actor> {
  await createAccount(admin, person);
  const api = await Api.login(person.email, PASSWORD);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, person.email);
  return { ...person, api, context, page };
}

/** The workspace's own header card (the page's shell has a header of its own). */
export const ticketHeader = (page: Page) => page.locator('header', { has: page.getByRole('heading', { level: 1 }) });
export const timeline = (page: Page) => page.getByRole('region', { name: /^Seguimiento/ });
export const actions = (page: Page) => page.getByRole('region', { name: 'Acciones' });
const fact = (page: Page, label: string) =>
  ticketHeader(page)
    .locator('div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
    .locator('dd');

export async function openWorkspace(page: Page, number: number, title: string): Promise<void> {
  await page.goto(`${baseUrl()}/tickets/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** Reloads until the action shows: the read side learns of another person's step through events. */
export async function untilAction(page: Page, name: string): Promise<void> {
  let first = true;
  await expect(async () => {
    if (!first) await page.reload();
    first = false;
    // A reloaded page on a busy machine takes seconds to show the ticket again.
    await expect(actions(page).getByRole('button', { name, exact: true })).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 90_000 });
}

export async function take(actor: Actor): Promise<void> {
  await untilAction(actor.page, 'Tomar');
  await actions(actor.page).getByRole('button', { name: 'Tomar', exact: true }).click();
  await expect(fact(actor.page, 'Asignado a')).toHaveText(actor.name);
}

export async function estimate(actor: Actor, minutes: number, note: string): Promise<void> {
  const { page } = actor;
  await actions(page).getByRole('button', { name: 'Estimar' }).click();
  const dialog = page.getByRole('dialog', { name: 'Estimar' });
  await dialog.getByLabel('Tiempo estimado de solución (minutos)').fill(String(minutes));
  await dialog.getByLabel('Nota (opcional)').fill(note);
  await dialog.getByRole('button', { name: 'Registrar la estimación' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    timeline(page)
      .getByText(new RegExp(`Estimación: ${minutes} min`))
      .first(),
  ).toBeVisible();
}

export async function logWork(actor: Actor, description: string, minutes: number): Promise<void> {
  const { page } = actor;
  await actions(page).getByRole('button', { name: 'Registrar trabajo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Registrar trabajo' });
  await dialog.getByLabel('Qué se hizo').fill(description);
  await dialog.getByLabel('Tiempo insumido (minutos)').fill(String(minutes));
  await dialog.getByRole('button', { name: 'Registrar el trabajo' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    timeline(page)
      .getByText(new RegExp(`Trabajo registrado: ${minutes} min`))
      .first(),
  ).toBeVisible();
}

/** Derives along the escalation graph; `target` is the option as the dialog names it ("Escalar a UIT"). */
export async function derive(actor: Actor, target: string, reason: string, toArea: string): Promise<void> {
  const { page } = actor;
  await actions(page).getByRole('button', { name: 'Derivar' }).click();
  const dialog = page.getByRole('dialog', { name: 'Derivar' });
  await dialog.getByRole('radio', { name: new RegExp(`^${target}`) }).check();
  await dialog.getByLabel('Motivo').fill(reason);
  await dialog.getByRole('button', { name: 'Derivar' }).click();
  await expect(dialog).toBeHidden();
  await expect(fact(page, 'Área')).toHaveText(new RegExp(`^${toArea} · `));
}

export async function recordSolution(actor: Actor, text: string): Promise<void> {
  const { page } = actor;
  await actions(page).getByRole('button', { name: 'Registrar solución' }).click();
  const dialog = page.getByRole('dialog', { name: 'Registrar solución' });
  await dialog.getByRole('textbox', { name: /^Solución/ }).fill(text);
  await dialog.getByRole('button', { name: 'Registrar la solución' }).click();
  await expect(dialog).toBeHidden();
  await expect(timeline(page).getByText('Solución registrada', { exact: true }).first()).toBeVisible();
}

export async function submitForReview(actor: Actor, note: string): Promise<void> {
  const { page } = actor;
  await untilAction(page, 'Enviar a revisión');
  await actions(page).getByRole('button', { name: 'Enviar a revisión' }).click();
  const dialog = page.getByRole('dialog', { name: 'Enviar a revisión' });
  await dialog.getByLabel('Verifiqué la solución con el solicitante').check();
  await dialog.getByLabel('Nota para el supervisor (opcional)').fill(note);
  await dialog.getByRole('button', { name: 'Enviar a revisión' }).click();
  await expect(dialog).toBeHidden();
  await expect(ticketHeader(page).getByText('Resuelto', { exact: true })).toBeVisible();
}

export async function approve(actor: Actor): Promise<void> {
  const { page } = actor;
  await untilAction(page, 'Revisar');
  await actions(page).getByRole('button', { name: 'Revisar' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revisar' });
  await dialog.getByRole('button', { name: 'Aprobar y cerrar' }).click();
  await expect(dialog).toBeHidden();
  await expect(ticketHeader(page).getByText('Cerrado', { exact: true })).toBeVisible();
}

export async function returnWithObservations(actor: Actor, observations: string): Promise<void> {
  const { page } = actor;
  await untilAction(page, 'Revisar');
  await actions(page).getByRole('button', { name: 'Revisar' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revisar' });
  await dialog.getByLabel('Devolver a la Mesa de Servicios con observaciones').check();
  await dialog.getByLabel('Observaciones: qué hay que corregir').fill(observations);
  await dialog.getByRole('button', { name: 'Devolver con observaciones' }).click();
  await expect(dialog).toBeHidden();
  await expect(timeline(page).getByText(observations).first()).toBeVisible();
  await expect(ticketHeader(page).getByText('En curso', { exact: true })).toBeVisible();
}

/** A date as the page writes it: formatted by the browser itself, in its language and time zone. */
const shownDate = (page: Page, iso: string) =>
  page.evaluate(
    (at) => new Intl.DateTimeFormat('es-AR', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)),
    iso,
  );

async function checkClock(page: Page, label: string, dueAt: string | null, metAt: string | null): Promise<void> {
  const shown = fact(page, label);
  if (metAt) {
    const late = dueAt !== null && Date.parse(metAt) > Date.parse(dueAt);
    const words = late ? 'Cumplido con atraso' : 'Cumplido a tiempo';
    await expect(shown).toHaveText(`${words} (${await shownDate(page, metAt)})`);
  } else if (dueAt) {
    await expect(shown).toContainText(await shownDate(page, dueAt));
    await expect(shown).toContainText(/Quedan|Vencido hace|En pausa/);
  } else {
    await expect(shown).toHaveText('Sin objetivo todavía');
  }
}

/**
 * What the workspace shows against what the API answers: every timeline step (by its summary), the
 * derivation path (the drawing and the list, with each reason) and both SLA clocks. The page is reloaded
 * until it has caught up with the API's last step.
 */
export async function checkAgainstApi(actor: Actor, number: number): Promise<TicketView> {
  const { page, api } = actor;
  const view = await api.send<TicketView>('GET', `/tickets/${number}`);
  const path = await api.send<PathView>('GET', `/tickets/${number}/path`);
  let first = true;
  await expect(async () => {
    if (!first) await page.reload();
    first = false;
    await expect(
      page.getByRole('region', { name: new RegExp(`^Seguimiento \\(${view.timeline.length} pasos?\\)`) }),
    ).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 90_000 });
  for (const entry of view.timeline) {
    await expect(timeline(page).getByText(entry.summary.es, { exact: true }).first()).toBeVisible();
  }

  const areas = path.steps.map((step) => step.to).join(' → ');
  await expect(page.getByRole('img', { name: `Recorrido del ticket: ${areas}` })).toBeVisible();
  const pathCard = page.getByRole('region', { name: 'Recorrido entre áreas' });
  const items = pathCard.getByRole('listitem');
  await expect(items).toHaveCount(path.steps.length);
  for (const [index, step] of path.steps.entries()) {
    const item = items.nth(index);
    await expect(item).toContainText(step.from ? `${step.from} → ${step.to}` : `Enrutado a ${step.to}`);
    // The first routing's reason is routing's fixed text, said in the reader's language; the others as written,
    // first letter capitalised.
    const reason =
      step.kind === 'routed'
        ? 'Ticket registrado: todo ticket comienza en la Mesa de Servicios.'
        : step.reason.charAt(0).toLocaleUpperCase() + step.reason.slice(1);
    if (step.reason) await expect(item).toContainText(reason);
    if (step.by) await expect(item).toContainText(step.by.name);
  }
  expect(view.area).toBe(path.area);
  await expect(fact(page, 'Área')).toHaveText(new RegExp(`^${path.area} · `));

  const level = view.serviceLevel;
  await checkClock(page, 'Respuesta', level?.responseDueAt ?? null, level?.respondedAt ?? null);
  await checkClock(page, 'Solución', level?.resolutionDueAt ?? null, level?.resolvedAt ?? null);
  return view;
}

interface TicketList {
  items: Array<{ number: number }>;
}

/**
 * Each area's queue (`GET /tickets?area=`) holds the ticket only while it is in that area, as each of the
 * area's own agents reads it; and an agent of another area is refused when acting on it.
 */
export async function checkQueues(
  number: number,
  tag: string,
  current: string,
  agents: Record<string, Actor>,
): Promise<void> {
  for (const [area, agent] of Object.entries(agents)) {
    const inQueue = async () =>
      (await agent.api.send<TicketList>('GET', `/tickets?area=${area}&text=${encodeURIComponent(tag)}`)).items.some(
        (item) => item.number === number,
      );
    await expect.poll(inQueue, { timeout: 60_000 }).toBe(area === current);
    if (area !== current) {
      await expect(
        agent.api.send('POST', `/tickets/${number}/worklogs`, { description: 'Fuera de mi área', minutes: 5 }),
      ).rejects.toThrow(`solo los miembros del área ${current}`);
    }
  }
}

/** A call the desk registered through the API (setup for the procedures that start at the desk's queue). */
export async function registerCall(operator: Actor, tag: string, title: string, requesterEmail: string) {
  const { number } = await operator.api.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: requesterEmail, name: 'Rita Requirente', phone: '+54 2954 555-0199' },
      jurisdiction: 'SALUD',
      title,
      description: `El sistema de turnos del hospital no responde desde la mañana (${tag}).`,
      type: 'incidente',
      category: 'sistemas-y-aplicaciones',
      impact: 'medio',
      urgency: 'alta',
    },
    { 'Idempotency-Key': `procedure-${tag}` },
  );
  await expect
    .poll(async () => (await operator.api.send<TicketView>('GET', `/tickets/${number}`).catch(() => null))?.area, {
      timeout: 60_000,
    })
    .toBe('L1');
  return number;
}

/** One area's turn: who works there, the option that brings the ticket there, and what they do. */
export interface Hop {
  area: string;
  /** How the previous area's derive dialog names the move ("Escalar a UIT"). */
  via: string;
  reason: string;
  estimateMinutes?: number;
  work?: { description: string; minutes: number };
  /** Registered before handing the ticket on (the area that returns the solution to L1). */
  solution?: string;
}

/**
 * Walks the ticket along the hops: the area holding it takes it, estimates, logs its work (and records a
 * solution when it has one), and derives it to the next; after each move every area's queue is checked
 * as that area's agent reads it. `members` maps each area to the person who works it.
 */
export async function workAlong(
  number: number,
  title: string,
  tag: string,
  start: Actor,
  hops: Hop[],
  members: Record<string, Actor>,
  onEachArea?: (actor: Actor, index: number) => Promise<void>,
): Promise<void> {
  let holder = start;
  for (const [index, hop] of hops.entries()) {
    const next = members[hop.area];
    if (!next) throw new Error(`nobody works ${hop.area}`);
    await derive(holder, hop.via, hop.reason, hop.area);
    await checkQueues(number, tag, hop.area, members);
    if (hop.area === 'L1') return;
    await openWorkspace(next.page, number, title);
    await take(next);
    if (hop.estimateMinutes) await estimate(next, hop.estimateMinutes, `Estimación de ${hop.area}`);
    if (hop.work) await logWork(next, hop.work.description, hop.work.minutes);
    if (hop.solution) await recordSolution(next, hop.solution);
    if (onEachArea) await onEachArea(next, index);
    holder = next;
  }
}

/** A procedure where the desk passes a ticket through areas and back (9.2, 9.3): its people and its steps. */
export interface RelayProcedure {
  /** Names the screenshots ("procedure-9-2-…"). */
  name: string;
  /** The areas' agents, besides the desk's operator and supervisor. */
  agents: Array<{ key: string; name: string; area: string }>;
  title: (tag: string) => string;
  /** The desk's estimate and diagnosis before it derives the ticket. */
  desk: { estimateMinutes: number; note: string; work: string; workMinutes: number };
  hops: Hop[];
  /** The hop after which the area's page is checked against the API and photographed. */
  checkedHop: number;
  /** What the desk tells the supervisor when it submits the solution for review. */
  submitNote: string;
}

/**
 * Runs a relay procedure end to end, each person in their own browser: the desk registers the call, takes,
 * estimates and logs its diagnosis, the areas work along the hops, the desk submits and the supervisor
 * closes; the closed ticket is checked against the API and its path drawn as the hops went.
 */
export async function runRelayProcedure(browser: Browser, procedure: RelayProcedure): Promise<void> {
  const admin = await Api.admin();
  const tag = unique();
  const person = (key: string, name: string, role: Person['role'], area: string) =>
    staff(browser, admin, { email: `${key}.${tag}@cau.gob.ar`, name, role, area });
  const operator = await person('operador', 'Olga Operadora', 'operator', 'L1');
  const members: Record<string, Actor> = { L1: operator };
  for (const agent of procedure.agents) members[agent.area] = await person(agent.key, agent.name, 'agent', agent.area);
  const supervisor = await person('supervisor', 'Sergio Supervisor', 'supervisor', 'L1');

  const title = procedure.title(tag);
  const number = await registerCall(operator, tag, title, `rita.${tag}@salud.gob.ar`);
  await openWorkspace(operator.page, number, title);
  await take(operator);
  await estimate(operator, procedure.desk.estimateMinutes, procedure.desk.note);
  await logWork(operator, procedure.desk.work, procedure.desk.workMinutes);
  await checkPage(operator.page, `${procedure.name}-desk`);

  await workAlong(number, title, tag, operator, procedure.hops, members, async (actor, index) => {
    if (index !== procedure.checkedHop) return;
    await checkAgainstApi(actor, number);
    await checkPage(actor.page, `${procedure.name}-${actor.area.toLowerCase()}`);
  });

  await submitForReview(operator, procedure.submitNote);
  await openWorkspace(supervisor.page, number, title);
  await approve(supervisor);
  const view = await checkAgainstApi(supervisor, number);
  expect(view.status).toBe('cerrado');
  const path = ['L1', ...procedure.hops.map((hop) => hop.area)].join(' → ');
  await expect(supervisor.page.getByRole('img', { name: `Recorrido del ticket: ${path}` })).toBeVisible();
  await checkPage(supervisor.page, `${procedure.name}-closed`);

  for (const actor of [...Object.values(members), supervisor]) await actor.context.close();
}
