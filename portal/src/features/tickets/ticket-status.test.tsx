import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import i18n, { changeLanguage } from '../../app/i18n';
import { StatusBadges } from './ticket-status';

const renderBadges = (overdue: boolean) =>
  render(
    <MantineProvider>
      <I18nextProvider i18n={i18n}>
        <StatusBadges status="en_curso" overdue={overdue} />
      </I18nextProvider>
    </MantineProvider>,
  );

describe('StatusBadges', () => {
  it('names the status in Spanish and shows "con atraso" beside it', async () => {
    await changeLanguage('es');
    renderBadges(true);
    expect(screen.getByText('En curso')).toBeTruthy();
    expect(screen.getByText('Con atraso')).toBeTruthy();
  });

  it('shows no overdue badge for a ticket within its SLA, and speaks English when asked', async () => {
    await changeLanguage('en');
    renderBadges(false);
    expect(screen.getByText('In progress')).toBeTruthy();
    expect(screen.queryByText('Overdue')).toBeNull();
  });
});
