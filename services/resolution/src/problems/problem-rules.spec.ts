import { Role, type ActorV1 } from '@cau/contracts';
import {
  mayCloseOrMoveProblem,
  mayCreateProblem,
  mayEditProblem,
  mayReadProblems,
  statusChangeProblem,
} from './problem-rules.js';

const none = { rootCause: null, workaround: null, workaroundArticleId: null };
const actor = (role: ActorV1['role'], area?: string): ActorV1 => ({
  accountId: '00000000-0000-4000-8000-000000000001',
  role,
  email: 'a@example.gob',
  name: 'A',
  ...(area ? { area } : {}),
});

describe('problem status transitions', () => {
  it('moves forward through the analysis and back to it', () => {
    expect(statusChangeProblem('abierto', 'en_analisis', none)).toBeNull();
    expect(statusChangeProblem('en_analisis', 'abierto', none)).toBeNull();
    expect(statusChangeProblem('resuelto', 'en_analisis', none)).toBeNull();
    expect(statusChangeProblem('abierto', 'cerrado', none)).toBeNull();
    expect(statusChangeProblem('abierto', 'abierto', none)).toBeNull();
  });

  it('never leaves cerrado', () => {
    for (const to of ['abierto', 'en_analisis', 'solucion_temporal', 'resuelto'] as const) {
      expect(statusChangeProblem('cerrado', to, none)).toMatchObject({ field: 'status', constraint: 'problemStatus' });
    }
  });

  it('does not go back from resolved to a workaround', () => {
    expect(statusChangeProblem('resuelto', 'solucion_temporal', { ...none, workaround: 'x' })).not.toBeNull();
  });

  it('needs a workaround (text or article) for solucion_temporal', () => {
    expect(statusChangeProblem('en_analisis', 'solucion_temporal', none)).toMatchObject({
      params: ['en_analisis', 'solucion_temporal', 'workaround-missing'],
    });
    expect(statusChangeProblem('en_analisis', 'solucion_temporal', { ...none, workaround: '  ' })).not.toBeNull();
    expect(statusChangeProblem('en_analisis', 'solucion_temporal', { ...none, workaround: 'Reiniciar' })).toBeNull();
    expect(
      statusChangeProblem('en_analisis', 'solucion_temporal', {
        ...none,
        workaroundArticleId: '00000000-0000-4000-8000-000000000009',
      }),
    ).toBeNull();
  });

  it('needs a root cause to be resolved', () => {
    expect(statusChangeProblem('en_analisis', 'resuelto', none)).not.toBeNull();
    expect(statusChangeProblem('en_analisis', 'resuelto', { ...none, rootCause: 'Certificado vencido' })).toBeNull();
  });
});

describe('who may do what with problems', () => {
  it('lets every staff member read, not requesters or referentes', () => {
    expect(mayReadProblems(actor(Role.Agent, 'UIT')).allowed).toBe(true);
    expect(mayReadProblems(actor(Role.Operator)).allowed).toBe(true);
    expect(mayReadProblems(actor(Role.Requester)).allowed).toBe(false);
    expect(mayReadProblems(actor(Role.Referente)).allowed).toBe(false);
  });

  it('lets the area, supervisors and admins create and edit', () => {
    expect(mayCreateProblem(actor(Role.Agent, 'UIT'), 'UIT').allowed).toBe(true);
    expect(mayCreateProblem(actor(Role.Agent, 'UPAT'), 'UIT').allowed).toBe(false);
    expect(mayCreateProblem(actor(Role.Operator), 'L1').allowed).toBe(true);
    expect(mayEditProblem(actor(Role.Operator), 'UIT').allowed).toBe(false);
    expect(mayEditProblem(actor(Role.Supervisor), 'UIT').allowed).toBe(true);
    expect(mayEditProblem(actor(Role.Admin), 'UIT').allowed).toBe(true);
  });

  it('keeps closing and moving to supervisors and admins', () => {
    expect(mayCloseOrMoveProblem(actor(Role.Agent, 'UIT')).allowed).toBe(false);
    expect(mayCloseOrMoveProblem(actor(Role.Supervisor)).allowed).toBe(true);
  });
});
