import { randomUUID } from 'node:crypto';
import { ErrorCode, ReportingRpc, type ActorV1, type TicketPageV1, type TicketRegisteredV1 } from '@cau/contracts';
import { ReportingHarness, staff } from './support.js';

describe('reporting: ticket list', () => {
  let h: ReportingHarness;
  let printBlurred: TicketRegisteredV1;
  let newPrinter: TicketRegisteredV1;
  let mailDown: TicketRegisteredV1;
  let newAccount: TicketRegisteredV1;
  let pagingNumbers: number[];
  const pagingSize = 45;

  beforeAll(async () => {
    h = await ReportingHarness.start('reportinglist');
    printBlurred = h.registration({
      title: 'La impresión sale borrosa',
      description: 'Desde ayer las hojas salen manchadas',
      requester: { email: 'ana@salud.gob', name: 'Ana' },
      jurisdiction: 'SALUD',
    });
    newPrinter = h.registration({
      title: 'Cambio de impresora',
      description: 'Solicitan una impresora nueva para la oficina',
      requester: { email: 'Beto@Educacion.gob', name: 'Beto' },
      jurisdiction: 'EDUCACION',
      type: 'solicitud',
    });
    mailDown = h.registration({
      title: 'Sin acceso al correo',
      description: 'El servidor de correo no responde',
      requester: { email: 'ana@salud.gob', name: 'Ana' },
      jurisdiction: 'SALUD',
    });
    newAccount = h.registration({
      title: 'Alta de usuario',
      description: 'Crear la cuenta del nuevo agente',
      requester: { email: 'carla@educacion.gob', name: 'Carla' },
      jurisdiction: 'EDUCACION',
    });
    // Routed, never registered: has no number and must never be listed.
    const unregistered = h.registration();
    const paging = Array.from({ length: pagingSize }, (_, i) =>
      h.registration({ jurisdiction: 'PAGINAS', title: `Ticket de paginación ${i}`, description: 'Consulta general' }),
    );
    pagingNumbers = paging.map((t) => t.number).sort((a, b) => b - a);
    await h.feed(
      ...[printBlurred, newPrinter, mailDown, newAccount, ...paging].map((t) => h.registered(t)),
      h.routed(h.routing(printBlurred, { priority: 'ALTA', area: 'UIT' })),
      h.routed(h.routing(newPrinter, { priority: 'MEDIA', area: 'L1' })),
      h.routed(h.routing(mailDown, { priority: 'BAJA', area: 'UIT' })),
      h.routed(h.routing(unregistered, { priority: 'ALTA', area: 'UIT' })),
    );
  });

  afterAll(async () => {
    await h?.stop();
  });

  const list = (filters: Record<string, unknown>, actor: ActorV1 = staff()) =>
    h.rpc.request(ReportingRpc.TicketList, { actor, filters });
  const numbers = async (filters: Record<string, unknown>, actor?: ActorV1) =>
    (await list({ limit: 100, ...filters }, actor)).items.map((t) => t.number);
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: { payload?: unknown }) => error.payload,
    );

  describe('filters', () => {
    it('filters by status', async () => {
      expect(await numbers({ status: 'abierto', jurisdiction: 'SALUD' })).toEqual([
        mailDown.number,
        printBlurred.number,
      ]);
      expect(await numbers({ status: 'cerrado' })).toEqual([]);
    });

    it('filters by area, leaving out tickets whose registration was not seen', async () => {
      expect(await numbers({ area: 'UIT' })).toEqual([mailDown.number, printBlurred.number]);
      expect(await numbers({ area: 'L1' })).toEqual([newPrinter.number]);
    });

    it('filters by priority', async () => {
      expect(await numbers({ priority: 'ALTA' })).toEqual([printBlurred.number]);
      expect(await numbers({ priority: 'BAJA' })).toEqual([mailDown.number]);
    });

    it("filters by the requester's e-mail, case-insensitively", async () => {
      expect(await numbers({ requester: 'ANA@Salud.gob' })).toEqual([mailDown.number, printBlurred.number]);
      expect(await numbers({ requester: 'beto@educacion.gob' })).toEqual([newPrinter.number]);
    });

    it('filters by jurisdiction', async () => {
      expect(await numbers({ jurisdiction: 'EDUCACION' })).toEqual([newAccount.number, newPrinter.number]);
    });

    it.each([
      ['without the accent', 'impresion', 'printBlurred'],
      ['with the accent', 'impresión', 'printBlurred'],
      ['in capitals', 'IMPRESIÓN', 'printBlurred'],
      ['in the plural (stemming)', 'impresoras', 'newPrinter'],
      ['in the description', 'manchadas', 'printBlurred'],
      ['with several words (all required)', 'servidor correo', 'mailDown'],
    ])('finds words %s', async (_how, text, expected) => {
      const byName: Record<string, TicketRegisteredV1> = { printBlurred, newPrinter, mailDown };
      expect(await numbers({ text })).toEqual([byName[expected]!.number]);
    });

    it('understands web-search syntax: OR and exclusion', async () => {
      expect(await numbers({ text: 'impresora or correo' })).toEqual([mailDown.number, newPrinter.number]);
      expect(await numbers({ text: 'correo -servidor' })).toEqual([]);
    });

    it('treats a blank text as no text filter', async () => {
      expect(await numbers({ text: '   ', jurisdiction: 'SALUD' })).toEqual([mailDown.number, printBlurred.number]);
    });

    it('combines filters', async () => {
      expect(await numbers({ area: 'UIT', requester: 'ana@salud.gob', text: 'correo' })).toEqual([mailDown.number]);
      expect(await numbers({ area: 'UIT', priority: 'MEDIA' })).toEqual([]);
    });

    it('returns summaries with the fields the list shows', async () => {
      const page = await list({ priority: 'ALTA' });
      expect(page.items).toEqual([
        {
          number: printBlurred.number,
          ticketId: printBlurred.ticketId,
          title: 'La impresión sale borrosa',
          status: 'abierto',
          overdue: false,
          priority: 'ALTA',
          area: 'UIT',
          jurisdiction: 'SALUD',
          requesterEmail: 'ana@salud.gob',
          requesterName: 'Ana',
          channel: 'telefono',
          type: 'incidente',
          category: 'correo',
          impact: 'medio',
          urgency: 'alta',
          registeredAt: printBlurred.registeredAt,
          updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          assigneeId: null,
          assigneeName: null,
          waitingOnRequester: false,
          responseDueAt: null,
          resolutionDueAt: null,
          respondedAt: null,
          mergedInto: null,
        },
      ]);
    });
  });

  describe('keyset paging', () => {
    it('walks every ticket of a filter exactly once, newest first', async () => {
      const seen: number[] = [];
      const pageSizes: number[] = [];
      let before: number | undefined;
      for (;;) {
        const page = await list({ jurisdiction: 'PAGINAS', limit: 10, ...(before ? { before } : {}) });
        seen.push(...page.items.map((t) => t.number));
        pageSizes.push(page.items.length);
        if (page.nextBefore === null) break;
        expect(page.nextBefore).toBe(page.items.at(-1)!.number);
        before = page.nextBefore;
      }
      expect(pageSizes).toEqual([10, 10, 10, 10, 5]);
      expect(seen).toEqual(pagingNumbers);
    });

    it('walks the whole view the same way', async () => {
      const seen: number[] = [];
      let before: number | undefined;
      do {
        const page: TicketPageV1 = await list({ limit: 7, ...(before ? { before } : {}) });
        seen.push(...page.items.map((t) => t.number));
        before = page.nextBefore ?? undefined;
      } while (before);
      const registered = await h.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM reporting.ticket_view WHERE number IS NOT NULL',
      );
      expect(seen).toHaveLength(registered.rows[0]!.n);
      expect(seen).toEqual([...seen].sort((a, b) => b - a));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('says there is no next page when the last page is exactly full', async () => {
      const page = await list({ jurisdiction: 'EDUCACION', limit: 2 });
      expect(page.items).toHaveLength(2);
      expect(page.nextBefore).toBeNull();
    });

    it('returns 20 tickets when no limit is given', async () => {
      const page = await list({});
      expect(page.items).toHaveLength(20);
      expect(page.nextBefore).toBe(page.items[19]!.number);
    });
  });

  describe('visibility', () => {
    const requester = (email: string): ActorV1 => ({ accountId: randomUUID(), role: 'requester', email, name: 'X' });
    const referente = (jurisdiction?: string): ActorV1 => ({
      ...staff('referente'),
      ...(jurisdiction ? { jurisdiction } : {}),
    });

    it('shows a requester only their own tickets, on top of their filters', async () => {
      expect(await numbers({}, requester('Ana@Salud.gob'))).toEqual([mailDown.number, printBlurred.number]);
      expect(await numbers({ text: 'impresora' }, requester('beto@educacion.gob'))).toEqual([newPrinter.number]);
      expect(await numbers({ requester: 'beto@educacion.gob' }, requester('ana@salud.gob'))).toEqual([]);
      expect(await numbers({ jurisdiction: 'EDUCACION' }, requester('ana@salud.gob'))).toEqual([]);
    });

    it('shows a referente only the tickets of their jurisdiction', async () => {
      expect(await numbers({}, referente('EDUCACION'))).toEqual([newAccount.number, newPrinter.number]);
      expect(await numbers({ jurisdiction: 'SALUD' }, referente('EDUCACION'))).toEqual([]);
      expect(await numbers({}, referente())).toEqual([]);
    });

    it.each(['operator', 'agent', 'supervisor', 'admin'] as const)('shows %s every jurisdiction', async (role) => {
      const jurisdictions = new Set((await list({ limit: 100 }, staff(role))).items.map((t) => t.jurisdiction));
      expect(jurisdictions).toEqual(new Set(['SALUD', 'EDUCACION', 'PAGINAS']));
    });
  });

  describe('bad input', () => {
    it.each([
      ['a limit of 1000', { limit: 1000 }, 'filters.limit'],
      ['a limit of 0', { limit: 0 }, 'filters.limit'],
      ['a cursor of 0', { before: 0 }, 'filters.before'],
      ['a cursor beyond bigint', { before: 1e20 }, 'filters.before'],
      ['a text of 201 characters', { text: 'a'.repeat(201) }, 'filters.text'],
      ['an unknown filter field', { owner: 'x' }, 'filters.owner'],
      ['an unknown status', { status: 'pendiente' }, 'filters.status'],
      ['an area that is not an area code', { area: "UIT' OR 1=1 --" }, 'filters.area'],
      ['a requester that is not an e-mail', { requester: 'ana' }, 'filters.requester'],
    ])('refuses %s with VALIDATION', async (_what, filters, field) => {
      expect(await refusal(list(filters))).toMatchObject({
        code: ErrorCode.Validation,
        fields: [expect.objectContaining({ field })],
      });
    });

    it('refuses a query without filters', async () => {
      expect(await refusal(h.rpc.send(ReportingRpc.TicketList.subject, { actor: staff() }))).toMatchObject({
        code: ErrorCode.Validation,
        fields: [expect.objectContaining({ field: 'filters' })],
      });
    });

    it.each([
      '"*:(',
      "'; DROP TABLE reporting.ticket_view; --",
      'impresora:*',
      '!(&|)<->',
      '\\',
      '"sin cerrar',
      '-',
      'OR',
      'el la de',
    ])('answers text %p with a page, never an error', async (text) => {
      const page = await list({ text });
      expect(Array.isArray(page.items)).toBe(true);
    });

    it('finds nothing for text made only of query syntax, and the table survives', async () => {
      expect((await list({ text: '"*:(' })).items).toEqual([]);
      expect(await numbers({ text: "'; DROP TABLE reporting.ticket_view; --" })).toEqual([]);
      expect(await numbers({ priority: 'ALTA' })).toEqual([printBlurred.number]);
    });
  });
});
