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
 * Procedure 9.3 (seed 002): a functional-design problem goes from the desk to ADT, which decides UPAT
 * must change the software (3.B); UPAT coordinates the release with UIT, which applies it and returns the
 * solution to the desk (3.B.5–3.B.8); the supervisor closes it. Each area's agent works in their own browser.
 */
test('9.3: L1 → ADT → UPAT → UIT → L1, each area estimating and logging its work', async ({ browser }) => {
  // Four people signing in and a dozen steps on a busy two-core machine: longer than most tests.
  test.setTimeout(420_000);
  const admin = await Api.admin();
  const tag = unique();
  const person = (key: string, name: string, role: 'operator' | 'agent' | 'supervisor', area: string) =>
    staff(browser, admin, { email: `${key}.${tag}@cau.gob.ar`, name, role, area });
  const operator = await person('operador', 'Olga Operadora', 'operator', 'L1');
  const uit = await person('uit', 'Ulises Infraestructura', 'agent', 'UIT');
  const adt = await person('adt', 'Diego Diseño', 'agent', 'ADT');
  const upat = await person('upat', 'Paula Producción', 'agent', 'UPAT');
  const supervisor = await person('supervisor', 'Sergio Supervisor', 'supervisor', 'L1');
  const members: Record<string, Actor> = { L1: operator, ADT: adt, UIT: uit, UPAT: upat };

  const title = `El sistema de turnos no deja reprogramar ${tag}`;
  const number = await registerCall(operator, tag, title, `rita.${tag}@salud.gob.ar`);

  // 9.3 steps 1–2: the desk takes it, estimates, diagnoses a design problem and escalates it to ADT.
  await openWorkspace(operator.page, number, title);
  await take(operator);
  await estimate(operator, 30, 'Diagnóstico inicial en la mesa.');
  await logWork(operator, 'Se comprobó que el sistema no ofrece reprogramar un turno ya dado.', 15);
  await checkPage(operator.page, 'procedure-9-3-desk');

  await workAlong(
    number,
    title,
    tag,
    operator,
    [
      {
        area: 'ADT',
        via: 'Escalar a ADT',
        reason: 'Falta la función de reprogramar turnos: es un problema de diseño.',
        estimateMinutes: 180,
        work: { description: 'Diseño de la reprogramación de turnos acordado con el hospital.', minutes: 60 },
      },
      {
        area: 'UPAT',
        via: 'Escalar a UPAT',
        reason: 'Diseño aprobado: Producción lo programa.',
        estimateMinutes: 480,
        work: { description: 'Reprogramación de turnos programada en la versión 3.3.0.', minutes: 240 },
      },
      {
        area: 'UIT',
        via: 'Coordinar con UIT',
        reason: 'Versión 3.3.0 publicada: UIT la instala en el servidor.',
        estimateMinutes: 45,
        work: { description: 'Versión 3.3.0 instalada en el servidor de turnos.', minutes: 20 },
        solution: 'Se instaló la versión 3.3.0 del sistema de turnos, que permite reprogramar un turno dado.',
      },
      { area: 'L1', via: 'Devolver la solución a L1', reason: 'Función disponible en producción.' },
    ],
    members,
    async (actor, index) => {
      // Halfway, at UPAT: what the area's agent sees is what the API says.
      if (index !== 1) return;
      await checkAgainstApi(actor, number);
      await checkPage(actor.page, 'procedure-9-3-upat');
    },
  );

  // 9.3 step 3.B.8: the desk verifies with the requester and submits; the supervisor closes it.
  await submitForReview(operator, 'Verificado por teléfono con la solicitante.');
  await openWorkspace(supervisor.page, number, title);
  await approve(supervisor);
  const view = await checkAgainstApi(supervisor, number);
  expect(view.status).toBe('cerrado');
  await expect(
    supervisor.page.getByRole('img', { name: 'Recorrido del ticket: L1 → ADT → UPAT → UIT → L1' }),
  ).toBeVisible();
  await checkPage(supervisor.page, 'procedure-9-3-closed');

  for (const actor of [operator, adt, upat, uit, supervisor]) await actor.context.close();
});
