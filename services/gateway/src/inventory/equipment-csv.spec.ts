import { Readable } from 'node:stream';
import { ServiceError } from '@cau/messaging';
import type { EquipmentV1 } from '@cau/contracts';
import { csvChunks, equipmentCsv, type CsvChunk } from './equipment-csv.js';

async function read(text: string, chunkRows = 2): Promise<CsvChunk[]> {
  const chunks: CsvChunk[] = [];
  for await (const chunk of csvChunks(Readable.from([Buffer.from(text)]), chunkRows)) chunks.push(chunk);
  return chunks;
}

describe('equipment CSV', () => {
  it('reads the header and the rows in chunks, with each row’s line', async () => {
    const chunks = await read(
      '\ufeffnumero_inventario , tipo,estado\r\nA-1,pc,en uso\n\nA-2,"impresora, láser",en stock\nA-3,pc,"en\nuso"\n',
    );
    expect(chunks).toEqual([
      {
        header: ['numero_inventario', 'tipo', 'estado'],
        rows: [
          [2, ['A-1', 'pc', 'en uso']],
          [3, ['A-2', 'impresora, láser', 'en stock']],
        ],
      },
      { header: ['numero_inventario', 'tipo', 'estado'], rows: [[4, ['A-3', 'pc', 'en\nuso']]] },
    ]);
  });

  it('refuses a file that is not CSV, naming the line', async () => {
    const error = await read('numero_inventario,tipo,estado\nA-1,"pc,en uso\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).payload.fields?.[0]).toMatchObject({ field: 'file', constraint: 'csvMalformed' });
    const empty = await read('').catch((e: unknown) => e);
    expect((empty as ServiceError).payload.fields).toEqual([{ field: 'file', constraint: 'csvEmpty' }]);
  });

  it('exports in the import’s columns, quoting what needs it', async () => {
    const equipment = {
      inventoryNumber: 'A-1',
      serial: null,
      type: 'pc',
      brand: 'Dell, Inc.',
      model: null,
      location: { building: 'Central', floor: null, office: '12' },
      jurisdiction: 'SALUD',
      state: 'en_uso',
      purchaseDate: '2024-01-01',
      warrantyUntil: null,
      supplier: null,
      attributes: { ram: '8 GB' },
    } as unknown as EquipmentV1;
    const chunks: string[] = [];
    for await (const chunk of equipmentCsv(
      (async function* () {
        yield [equipment];
      })(),
    ))
      chunks.push(String(chunk));
    expect(chunks.join('')).toBe(
      'numero_inventario,serie,tipo,marca,modelo,edificio,piso,oficina,jurisdiccion,estado,fecha_compra,garantia_hasta,proveedor,atributos\r\n' +
        'A-1,,pc,"Dell, Inc.",,Central,,12,SALUD,en_uso,2024-01-01,,,"{""ram"":""8 GB""}"\r\n',
    );
  });
});
