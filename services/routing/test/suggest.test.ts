import { ErrorCode, RoutingRpc } from '@cau/contracts';
import { RoutingHarness, actor } from './support.js';

const operator = actor('operator');

describe('routing: area suggestions for the L1 operator', () => {
  let h: RoutingHarness;

  beforeAll(async () => {
    h = await RoutingHarness.start('routing-suggest');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const suggest = async (number: number) =>
    (await h.request(RoutingRpc.Suggest, { actor: operator, number })).suggestion;

  it('sends a security incident to UIT, on its way to ACGII (9.2 3.C)', async () => {
    const ticket = await h.register({ type: 'incidente_seguridad', category: 'correo', title: 'Correo sospechoso' });
    expect(await suggest(ticket.number)).toEqual({
      area: 'UIT',
      rule: 'security-incident',
      reason: {
        es: 'incidente de seguridad: se deriva a ACGII a través de la UIT (9.2 3.C)',
        en: 'security incident: goes to ACGII through UIT (9.2 3.C)',
      },
    });
  });

  it('sends a service-availability problem to UIT, reading the title of ticket.registered (9.1 step 3)', async () => {
    const ticket = await h.register({ category: 'sistemas', title: 'El servidor de expedientes está caído' });
    expect(await suggest(ticket.number)).toMatchObject({
      area: 'UIT',
      rule: 'service-availability',
      reason: { es: 'problema de disponibilidad de servicio («caído»): se deriva a la UIT (9.1 paso 3)' },
    });
  });

  it('sends a functional-design problem to ADT (9.1 step 4)', async () => {
    const ticket = await h.register({ category: 'sistemas', title: 'El formulario de alta no guarda' });
    expect(await suggest(ticket.number)).toMatchObject({ area: 'ADT', rule: 'functional-design' });
  });

  it('sends a category UIT handled before to UIT (9.1 step 3)', async () => {
    const first = await h.register({ category: 'Telefonía IP', title: 'Sin tono' });
    const second = await h.register({ category: 'telefonía ip', title: 'Sin tono en la oficina' });
    expect(await suggest(second.number)).toBeNull();
    await h.request(RoutingRpc.Derive, {
      actor: operator,
      number: first.number,
      body: { to: 'UIT', reason: 'central telefónica' },
    });
    expect(await suggest(second.number)).toMatchObject({
      area: 'UIT',
      rule: 'handled-by-uit',
      reason: { es: 'la UIT ya gestionó tickets de la categoría «telefonía ip» (9.1 paso 3)' },
    });
    // The ticket that went to UIT is not advice for itself, and it has left L1 anyway.
    expect(await suggest(first.number)).toBeNull();
  });

  it('leaves the rest to L1 (9.1 step 5)', async () => {
    const ticket = await h.register({ category: 'impresoras', title: 'La impresora no imprime' });
    expect(await suggest(ticket.number)).toBeNull();
  });

  it('is advice for staff only', async () => {
    const ticket = await h.register();
    const refusal = await h.refusal(RoutingRpc.Suggest, {
      actor: actor('requester', { email: 'ana.perez@salud.gob' }),
      number: ticket.number,
    });
    expect(refusal.payload.code).toBe(ErrorCode.Forbidden);
  });
});
