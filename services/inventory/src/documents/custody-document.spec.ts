import { pdfText } from '@cau/testing';
import type { CustodyPeriodV1, EquipmentV1 } from '@cau/contracts';
import { custodyForm } from './custody-document.js';
import { renderForm } from './pdf.js';

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const equipment = {
  id: '00000000-0000-4000-8000-000000000001',
  inventoryNumber: 'NB-0042',
  serial: 'SN-Ñ1',
  type: 'notebook',
  brand: 'Lenovo',
  model: 'ThinkPad',
  location: { building: 'Güemes', floor: '3', office: '12' },
  jurisdiction: 'SALUD',
} as EquipmentV1;

const period: CustodyPeriodV1 = {
  id: '00000000-0000-4000-8000-000000000002',
  holder: { requesterId: '00000000-0000-4000-8000-000000000003', name: 'Begoña Núñez', email: 'begona@salud.gob' },
  since: '2026-12-04T13:00:00.000Z',
  until: null,
  assignedBy: { accountId: '00000000-0000-4000-8000-000000000004', name: 'Óscar Operador' },
  returnedBy: null,
  note: 'Con cargador',
  acceptance: null,
};

const render = (p: CustodyPeriodV1, signature: Buffer | null) =>
  renderForm(
    custodyForm({
      equipment,
      typeLabel: 'Notebook',
      location: 'Güemes · 3 · 12',
      period: p,
      text: 'Yo, Begoña Núñez, recibo en resguardo…\n\nMe comprometo a cuidarlo.',
      signature,
      timeZone: 'America/Argentina/Buenos_Aires',
    }),
    { officeName: 'Mesa de Ayuda de Salud' },
  ).then(pdfText);

describe('the custody document', () => {
  it('prints the equipment, the holder, the date, the note and the text; pending until accepted', async () => {
    const text = await render(period, null);
    for (const expected of [
      'Mesa de Ayuda de Salud',
      'RESGUARDO',
      'NB-0042',
      'SN-Ñ1',
      'Güemes · 3 · 12',
      'Begoña Núñez (begona@salud.gob)',
      '4 de diciembre de 2026',
      'Óscar Operador',
      'Con cargador',
      'Me comprometo a cuidarlo.',
      'Pendiente de aceptación',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints who accepted and when, with the drawn signature', async () => {
    const text = await render(
      {
        ...period,
        acceptance: {
          at: '2026-12-04T15:30:00.000Z',
          by: { accountId: '00000000-0000-4000-8000-000000000005', name: 'Begoña Núñez' },
          text: 'x',
          signed: true,
        },
      },
      PNG_1X1,
    );
    expect(text).toContain('Aceptado por Begoña Núñez el 4 de diciembre de 2026');
    expect(text).toContain('Firma dibujada al aceptar');
    expect(text).not.toContain('Pendiente');
  });
});
