import { test } from '@playwright/test';
import { runRelayProcedure } from './procedures';

/*
 * Procedure 9.2 (docs/domain.md § Procedure 9.2): a service-availability incident the desk cannot solve goes to UIT, which
 * hands it to UPAT; UPAT coordinates the response back to UIT, which applies it and returns the solution
 * to the desk; the supervisor closes it. Each area's agent works in their own browser.
 */
test('9.2: L1 → UIT → UPAT → UIT → L1, each area estimating and logging its work', async ({ browser }) => {
  // Four people signing in and a dozen steps on a busy two-core machine: longer than most tests.
  test.setTimeout(420_000);
  await runRelayProcedure(browser, {
    name: 'procedure-9-2',
    agents: [
      { key: 'uit', name: 'Ulises Infraestructura', area: 'UIT' },
      { key: 'upat', name: 'Paula Producción', area: 'UPAT' },
    ],
    title: (tag) => `No responde el sistema de turnos ${tag}`,
    // 9.2 steps 1–2: the desk takes it, estimates, diagnoses, and escalates it to infrastructure.
    desk: {
      estimateMinutes: 30,
      note: 'Diagnóstico inicial en la mesa.',
      work: 'Se comprobó que el servicio no responde desde ningún puesto.',
      workMinutes: 15,
    },
    hops: [
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
    // Halfway, at UPAT: what the area's agent sees is what the API says.
    checkedHop: 1,
    // 9.2 step 5: the desk verifies with the requester and submits; the supervisor closes it.
    submitNote: 'Verificado por teléfono con la solicitante.',
  });
});
