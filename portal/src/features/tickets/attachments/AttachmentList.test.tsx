import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../../api/client';
import i18n, { changeLanguage } from '../../../app/i18n';
import { AttachmentList } from './AttachmentList';
import { ticketAttachmentsQuery } from './attachments-api';

const file = (overrides: Partial<Schemas['TicketAttachmentResponse']>): Schemas['TicketAttachmentResponse'] => ({
  id: '0b6f3c1e-6f57-4c3a-9d6e-2f1a4b5c6d7e',
  kind: 'file',
  fileName: 'informe.pdf',
  contentType: 'application/pdf',
  sizeBytes: 2048,
  sha256: 'a'.repeat(64),
  downloadUrl: '/api/v1/tickets/7/attachments/0b6f3c1e-6f57-4c3a-9d6e-2f1a4b5c6d7e',
  url: null,
  title: null,
  addedBy: { accountId: '6d61696c-0000-4000-8000-6361752d6d61', name: 'Ana Pérez', role: 'requester' },
  addedAt: '2026-12-04T10:00:00.000Z',
  source: 'upload',
  senderEmail: null,
  ...overrides,
});

function renderList(items: Array<Schemas['TicketAttachmentResponse']>) {
  // Fresh forever: the list comes from the cache, never from a server.
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(ticketAttachmentsQuery(7).queryKey, items);
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <I18nextProvider i18n={i18n}>
          <AttachmentList number={7} links={[]} />
        </I18nextProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('AttachmentList', () => {
  it('names the sender of a file that came attached to a mail, and of no other file', async () => {
    await changeLanguage('es');
    renderList([
      file({ source: 'mail', senderEmail: 'ana@salud.gob' }),
      file({
        id: '1b6f3c1e-6f57-4c3a-9d6e-2f1a4b5c6d7e',
        fileName: 'captura.png',
        addedBy: { accountId: 'x', name: 'Olga', role: 'operator' },
      }),
    ]);
    expect(screen.getByRole('link', { name: 'informe.pdf' }).getAttribute('href')).toMatch(/attachments\/0b6f/);
    expect(screen.getByText(/por correo de Ana Pérez/)).toBeTruthy();
    expect(screen.queryByText(/por correo de Olga/)).toBeNull();
  });

  it('says a file came by WhatsApp, naming the requester', async () => {
    await changeLanguage('es');
    renderList([
      file({ source: 'whatsapp', fileName: 'whatsapp-image-20261206-004512.jpg', senderEmail: 'ana@salud.gob' }),
    ]);
    expect(screen.getByRole('link', { name: 'whatsapp-image-20261206-004512.jpg' })).toBeTruthy();
    expect(screen.getByText(/por WhatsApp de Ana Pérez/)).toBeTruthy();
    expect(screen.queryByText(/por correo de/)).toBeNull();
  });
});
