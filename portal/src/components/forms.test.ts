import { describe, expect, it } from 'vitest';
import { labelServerField, labelServerFields } from './forms';

const labels = { from: 'Desde', to: 'Hasta', inventoryNumber: 'N.º de inventario' };

describe('labelServerField', () => {
  it('names the field by its label in Spanish and English messages', () => {
    expect(labelServerField({ field: 'to', message: 'El campo «to» no puede ser anterior a «from».' }, labels)).toEqual(
      { field: 'to', name: 'to', message: 'El campo «Hasta» no puede ser anterior a «Desde».' },
    );
    expect(
      labelServerField({ field: 'to', message: "Field 'to' cannot be earlier than 'from'." }, labels).message,
    ).toBe("Field 'Hasta' cannot be earlier than 'Desde'.");
  });

  it('replaces only quoted field names, not the same letters inside words', () => {
    expect(
      labelServerField(
        { field: 'to', message: 'El campo «to» no es una fecha del calendario (hasta tomorrow).' },
        labels,
      ).message,
    ).toBe('El campo «Hasta» no es una fecha del calendario (hasta tomorrow).');
  });

  it("puts the error under the form field the API's path names", () => {
    const labelled = labelServerField(
      { field: 'filters.to', message: 'El campo «filters.to» debe ser una fecha.' },
      { ...labels, 'filters.to': 'Hasta' },
      (field) => field.replace(/^filters\./, ''),
    );
    expect(labelled).toEqual({ field: 'filters.to', name: 'to', message: 'El campo «Hasta» debe ser una fecha.' });
  });

  it('labels the whole refusal and each of its fields', () => {
    expect(
      labelServerFields(
        {
          message: 'El campo «inventoryNumber» no es un equipo del inventario.',
          fields: [{ field: 'inventoryNumber', message: 'El campo «inventoryNumber» no es un equipo del inventario.' }],
        },
        labels,
      ),
    ).toEqual({
      message: 'El campo «N.º de inventario» no es un equipo del inventario.',
      fields: [
        {
          field: 'inventoryNumber',
          name: 'inventoryNumber',
          message: 'El campo «N.º de inventario» no es un equipo del inventario.',
        },
      ],
    });
  });
});
