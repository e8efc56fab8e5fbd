import { expect, test } from '@playwright/test';
import { Api, checkPage, signIn, unique } from './support';

interface Matrix {
  cells: Array<{ impact: string; urgency: string; priority: string }>;
}

test('an administrator raises a cell of the priority matrix by keyboard, and the next ticket gets that priority', async ({
  page,
}) => {
  const admin = await Api.admin();
  const stored = await admin.send<Matrix>('GET', '/routing/priority-matrix');
  const lowLow = stored.cells.find((cell) => cell.impact === 'bajo' && cell.urgency === 'baja')!;
  expect(lowLow.priority).toBe('BAJA');
  const tag = unique();
  try {
    const { email, password } = JSON.parse(process.env.CAU_E2E_ADMIN ?? '{}') as { email: string; password: string };
    await signIn(page, email, password);
    await page
      .getByRole('navigation', { name: 'Administración' })
      .getByRole('link', { name: 'Matriz de prioridad' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Matriz de prioridad' })).toBeVisible();
    const cell = page.getByLabel('Prioridad con impacto bajo y urgencia baja');
    await expect(cell).toHaveValue('BAJA');
    await expect(page.getByLabel('Prioridad con impacto alto y urgencia alta')).toHaveValue('ALTA');
    await expect(page.getByRole('button', { name: 'Guardar la matriz' })).toBeDisabled();
    await checkPage(page, 'admin-priority-matrix');

    // Keyboard only: a closed native select takes the typed beginning of an option; Tab reaches the button.
    await cell.focus();
    await page.keyboard.type('Alta');
    await expect(cell).toHaveValue('ALTA');
    await expect(page.getByText('1 celda cambiada sin guardar')).toBeVisible();
    await expect(page.locator('[data-cell="bajo/baja"]')).toContainText('cambiada');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Guardar la matriz' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Matriz guardada: los tickets que se registren desde ahora la usan.')).toBeVisible();
    await expect(page.getByText('Sin cambios')).toBeVisible();
    await checkPage(page, 'admin-priority-matrix-saved');

    const saved = await admin.send<Matrix>('GET', '/routing/priority-matrix');
    expect(saved.cells.find((c) => c.impact === 'bajo' && c.urgency === 'baja')?.priority).toBe('ALTA');
    expect(saved.cells.filter((c) => !(c.impact === 'bajo' && c.urgency === 'baja'))).toEqual(
      stored.cells.filter((c) => !(c.impact === 'bajo' && c.urgency === 'baja')),
    );
    const { number } = await admin.send<{ number: number }>(
      'POST',
      '/tickets',
      {
        channel: 'telefono',
        requester: { email: `ana.${tag}@salud.gob.ar`, name: 'Ana Pérez' },
        jurisdiction: 'SALUD',
        title: `Consulta sobre el fondo de pantalla ${tag}`,
        description: 'Quiere cambiar el fondo de pantalla de su computadora.',
        type: 'solicitud',
        category: 'equipos',
        impact: 'bajo',
        urgency: 'baja',
      },
      { 'Idempotency-Key': `matrix-${tag}` },
    );
    await expect
      .poll(async () => (await admin.eventually<{ priority: string | null }>('GET', `/tickets/${number}`)).priority)
      .toBe('ALTA');

    // The change is in the audit log, with the cell before and after.
    await page.goto(`${page.url().replace(/\/admin\/.*$/, '')}/admin/auditoria`);
    await expect(page.getByText('Matriz de prioridad modificada').first()).toBeVisible();
  } finally {
    await admin.send('PUT', '/routing/priority-matrix', stored);
  }
});
