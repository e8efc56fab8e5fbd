import { test } from '@playwright/test';
import { runRelayProcedure } from './procedures';

/*
 * Procedure 9.3 (docs/domain.md § Procedure 9.3): a functional-design problem goes from the desk to ADT, which decides UPAT
 * must change the software (3.B); UPAT coordinates the release with UIT, which applies it and returns the
 * solution to the desk (3.B.5–3.B.8); the supervisor closes it. Each area's agent works in their own browser.
 */
test('9.3: L1 → ADT → UPAT → UIT → L1, each area estimating and logging its work', async ({ browser }) => {
  // Five people signing in and a dozen steps on a busy two-core machine: longer than most tests.
  test.setTimeout(420_000);
  await runRelayProcedure(browser, {
    name: 'procedure-9-3',
    agents: [
      { key: 'adt', name: 'Diego Diseño', area: 'ADT' },
      { key: 'upat', name: 'Paula Producción', area: 'UPAT' },
      { key: 'uit', name: 'Ulises Infraestructura', area: 'UIT' },
    ],
    title: (tag) => `El sistema de turnos no deja reprogramar ${tag}`,
    // 9.3 steps 1–2: the desk takes it, estimates, diagnoses a design problem and escalates it to ADT.
    desk: {
      estimateMinutes: 30,
      note: 'Diagnóstico inicial en la mesa.',
      work: 'Se comprobó que el sistema no ofrece reprogramar un turno ya dado.',
      workMinutes: 15,
    },
    hops: [
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
    // Halfway, at UPAT: what the area's agent sees is what the API says.
    checkedHop: 1,
    // 9.3 step 3.B.8: the desk verifies with the requester and submits; the supervisor closes it.
    submitNote: 'Verificado por teléfono con la solicitante.',
  });
});
