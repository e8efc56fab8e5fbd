import { expect, test, type Page } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

async function openWorkspace(page: Page, number: number, title: string): Promise<void> {
  await page.goto(`${baseUrl()}/tickets/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('two operators on one ticket: equipment, visits, repairs and the sign-off recorded in one window show in the other', async ({
  browser,
}) => {
  test.setTimeout(360_000);
  const admin = await Api.admin();
  const tag = unique();
  const ana = { email: `ana.fl.${tag}@cau.gob.ar`, name: `Ana Operadora ${tag}`, role: 'operator', area: 'L1' };
  const beto = { email: `beto.fl.${tag}@cau.gob.ar`, name: `Beto Operador ${tag}`, role: 'operator', area: 'L1' };
  await createAccount(admin, ana);
  await createAccount(admin, beto);
  const betoApi = await Api.login(beto.email, PASSWORD);
  const title = `El monitor no da imagen ${tag}`;
  const { number } = await betoApi.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: `vera.fl.${tag}@salud.gob.ar`, name: 'Vera Vecina' },
      jurisdiction: 'SALUD',
      title,
      description: 'El monitor de la oficina 12 no da imagen.',
      type: 'incidente',
      category: 'correo-electronico',
      impact: 'medio',
      urgency: 'media',
    },
    { 'Idempotency-Key': `field-live-${tag}` },
  );
  const inventoryNumber = `MON-${tag.toUpperCase()}`;
  const monitor = await betoApi.send<{ id: string }>('POST', '/inventory/equipment', {
    inventoryNumber,
    serial: `SN-FL-${tag}`,
    type: 'monitor',
    brand: 'Samsung',
    model: 'S24',
    state: 'en_uso',
  });
  await expect
    .poll(async () => (await betoApi.send('GET', `/tickets/${number}`).catch(() => null)) !== null, {
      timeout: 60_000,
    })
    .toBe(true);

  const anaContext = await browser.newContext();
  const anaPage = await anaContext.newPage();
  await signIn(anaPage, ana.email);
  await openWorkspace(anaPage, number, title);
  const anaVisits = anaPage.getByRole('region', { name: 'Visitas' });
  await expect(anaVisits.getByText('No hay visitas planificadas ni registradas.')).toBeVisible();

  const betoContext = await browser.newContext();
  const betoPage = await betoContext.newPage();
  await signIn(betoPage, beto.email);
  await openWorkspace(betoPage, number, title);

  // Beto links the monitor from his window: Ana's "Equipos" shows it without a reload.
  const betoEquipment = betoPage.getByRole('region', { name: 'Equipos' });
  await betoEquipment.getByRole('textbox', { name: /Buscar un equipo/ }).fill(`SN-FL-${tag}`);
  await betoEquipment.getByRole('button', { name: 'Buscar', exact: true }).click();
  await betoEquipment.getByRole('button', { name: `Vincular el equipo ${inventoryNumber} al ticket` }).click();
  await expect(
    anaPage
      .getByRole('region', { name: 'Equipos' })
      .getByRole('list', { name: 'Equipos del ticket' })
      .getByRole('link', { name: inventoryNumber }),
  ).toBeVisible();

  // Beto plans a visit: it shows in Ana's "Visitas".
  const betoVisits = betoPage.getByRole('region', { name: 'Visitas' });
  await betoVisits.getByRole('button', { name: 'Planificar una visita' }).click();
  const plan = betoVisits.getByRole('form', { name: 'Planificar una visita' });
  await plan.getByLabel('Fecha y hora prevista').fill('2026-12-07T10:00');
  await plan.getByRole('textbox', { name: 'Empresa', exact: true }).fill('Soporte Técnico SA');
  await plan.getByRole('textbox', { name: 'Técnico', exact: true }).fill('Luis Gómez');
  await plan.getByRole('button', { name: 'Planificar', exact: true }).click();
  const anaVisitList = anaVisits.getByRole('list', { name: 'Visitas del ticket' });
  await expect(anaVisitList.getByText('Luis Gómez (Soporte Técnico SA)')).toBeVisible();
  await expect(anaVisitList.getByText('Planificada')).toBeVisible();

  // Another window (the API here) records the visit, the monitor leaving and the sign-off: all show in Ana's.
  const visits = await betoApi.send<Array<{ id: string }>>('GET', `/tickets/${number}/visits`);
  await betoApi.send('POST', `/tickets/${number}/visits/${visits[0]!.id}/record`, {
    visitor: { kind: 'contractor', company: 'Soporte Técnico SA', technician: 'Luis Gómez' },
    arrivedAt: '2026-12-07T10:10:00-03:00',
    departedAt: '2026-12-07T11:00:00-03:00',
    workDone: 'Se lleva el monitor al taller.',
  });
  await expect(anaVisitList.getByText('Registrada')).toBeVisible();
  await betoApi.send('POST', `/tickets/${number}/repairs`, {
    equipmentId: monitor.id,
    takenBy: 'Luis Gómez',
    destination: 'Taller de Soporte Técnico SA',
    expectedReturn: '2099-01-15',
    reason: 'No da imagen.',
  });
  const anaRepairs = anaPage.getByRole('region', { name: 'Salidas a reparación' });
  await expect(
    anaRepairs.getByRole('list', { name: 'Salidas a reparación del ticket' }).getByText('En reparación'),
  ).toBeVisible();
  await betoApi.send('POST', `/tickets/${number}/sign-off`, {
    conforme: true,
    user: { name: 'Vera Vecina' },
    head: { name: 'Marta Jefa' },
    repairStaff: { name: 'Luis Gómez' },
  });
  const anaSignOff = anaPage.getByRole('region', { name: 'Conformidad' });
  await expect(anaSignOff.getByText('Conforme', { exact: true })).toBeVisible();
  // Field work never tells Ana "the ticket changed": only its sections moved.
  await expect(anaPage.getByRole('alert').filter({ hasText: 'El ticket cambió mientras escribías' })).toHaveCount(0);
  await checkPage(anaPage, 'field-live');

  await anaContext.close();
  await betoContext.close();
});
