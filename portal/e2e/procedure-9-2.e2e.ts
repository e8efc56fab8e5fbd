import { expect, test } from '@playwright/test';
import {
  approve,
  checkAgainstApi,
  estimate,
  logWork,
  openWorkspace,
  registerCall,
  staff,
  submitForReview,
  take,
  workAlong,
  type Actor,
} from './procedures';
import { Api, checkPage, unique } from './support';

/*
 * Procedure 9.2 (seed 002): a service-availability incident the desk cannot solve goes to UIT, which
 * hands it to UPAT; UPAT coordinates the response back to UIT, which applies it and returns the solution
 * to the desk; the supervisor closes it. Each area's agent works in their own browser.
 */
test('9.2: L1 → UIT → UPAT → UIT → L1, each area estimating and logging its work', async ({ browser }) => {
  // Four people signing in and a dozen steps on a busy two-core machine: longer than most tests.
  test.setTimeout(420_000);
  const admin = await Api.admin();
  const tag = unique();
  const person = (key: string, name: string, role: 'operator' | 'agent' | 'supervisor', area: string) =>
    staff(browser, admin, { email: `${key}.${tag}@cau.gob.ar`, name, role, area });
  const operator = await person('operador', 'Olga Operadora', 'operator', 'L1');
  const uit = await person('uit', 'Ulises Infraestructura', 'agent', 'UIT');
  const upat = await person('upat', 'Paula Producción', 'agent', 'UPAT');
  const supervisor = await person('supervisor', 'Sergio Supervisor', 'supervisor', 'L1');
  const members: Record<string, Actor> = { L1: operator, UIT: uit, UPAT: upat };

  const title = `No responde el sistema de turnos ${tag}`;
  const number = await registerCall(operator, tag, title, `rita.${tag}@salud.gob.ar`);

  // 9.2 step 1–2: the desk takes it, estimates, diagnoses, and escalates it to infrastructure.
  await openWorkspace(operator.page, number, title);
  await take(operator);
  await estimate(operator, 30, 'Diagnóstico inicial en la mesa.');
  await logWork(operator, 'Se comprobó que el servicio no responde desde ningún puesto.', 15);
  await checkPage(operator.page, 'procedure-9-2-desk');

  await workAlong(
    number,
    title,
    tag,
    operator,
    [
      {
        area: 'UIT',
        via: 'Escalar a UIT',
        reason: 'Servicio caído: lo atiende Infraestructura.',
        estimateMinutes: 120,
        work: { description: 'Servidor de turnos revisado: la aplicación falla al arrancar.', minutes: 40 },
      },
      {
        area: 'UPAT',
        via: 'Escalar a UPAT',
        reason: 'La aplicación falla tras la última actualización: la corrige Producción.',
        estimateMinutes: 240,
        work: { description: 'Corrección de la versión 3.2.1 preparada y probada.', minutes: 90 },
      },
      {
        area: 'UIT',
        via: 'Coordinar con UIT',
        reason: 'Versión 3.2.1 publicada: UIT la instala en el servidor.',
        estimateMinutes: 45,
        work: { description: 'Versión 3.2.1 instalada en el servidor de turnos.', minutes: 25 },
        solution: 'Se instaló la versión 3.2.1 del sistema de turnos, que corrige la falla de arranque.',
      },
      { area: 'L1', via: 'Devolver la solución a L1', reason: 'Servicio restablecido.' },
    ],
    members,
    async (actor, index) => {
      // Halfway, at UPAT: what the area's agent sees is what the API says.
      if (index !== 1) return;
      await checkAgainstApi(actor, number);
      await checkPage(actor.page, 'procedure-9-2-upat');
    },
  );

  // 9.2 step 5: the desk verifies with the requester and submits; the supervisor closes it.
  await submitForReview(operator, 'Verificado por teléfono con la solicitante.');
  await openWorkspace(supervisor.page, number, title);
  await approve(supervisor);
  const view = await checkAgainstApi(supervisor, number);
  expect(view.status).toBe('cerrado');
  await expect(
    supervisor.page.getByRole('img', { name: 'Recorrido del ticket: L1 → UIT → UPAT → UIT → L1' }),
  ).toBeVisible();
  await checkPage(supervisor.page, 'procedure-9-2-closed');

  for (const actor of [operator, uit, upat, supervisor]) await actor.context.close();
});
