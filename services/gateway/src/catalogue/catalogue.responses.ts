import { ApiProperty } from '@nestjs/swagger';
import {
  LocalizedTextV1,
  type CatalogueEntryV1,
  type CatalogueOptionsV1,
  type CatalogueV1,
  type CategoryV1,
  type JurisdictionV1,
  type ServiceV1,
} from '@cau/contracts';

// `implements` keeps these documentation classes in step with the contract interfaces.

export class CatalogueEntryResponse implements CatalogueEntryV1 {
  @ApiProperty({ description: 'El valor que se envía al registrar', example: 'impresoras' })
  code!: string;

  @ApiProperty({ type: LocalizedTextV1, description: 'Lo que se muestra, en español e inglés' })
  label!: LocalizedTextV1;
}

export class CatalogueOptionsResponse implements CatalogueOptionsV1 {
  @ApiProperty({ type: [CatalogueEntryResponse], description: 'Valores de `type`' })
  types!: CatalogueEntryResponse[];

  @ApiProperty({ type: [CatalogueEntryResponse], description: 'Valores de `impact`' })
  impacts!: CatalogueEntryResponse[];

  @ApiProperty({ type: [CatalogueEntryResponse], description: 'Valores de `urgency`' })
  urgencies!: CatalogueEntryResponse[];

  @ApiProperty({ type: [CatalogueEntryResponse], description: 'Valores de `channel`' })
  channels!: CatalogueEntryResponse[];
}

export class CategoryTreeEntryResponse implements CatalogueEntryV1 {
  @ApiProperty({ description: 'El valor que se envía como `category` al registrar', example: 'impresoras' })
  code!: string;

  @ApiProperty({ type: LocalizedTextV1, description: 'Lo que se muestra, en español e inglés' })
  label!: LocalizedTextV1;

  @ApiProperty({
    type: [CatalogueEntryResponse],
    description: 'Subcategorías activas (también se aceptan como `category`); vacío si no tiene',
  })
  children!: CatalogueEntryResponse[];
}

export class CategoryResponse implements CategoryV1 {
  @ApiProperty({ example: 'impresoras' })
  code!: string;

  @ApiProperty({ type: String, nullable: true, description: 'La categoría de la que es subcategoría', example: null })
  parent!: string | null;

  @ApiProperty({ type: LocalizedTextV1 })
  label!: LocalizedTextV1;

  @ApiProperty({ description: 'Orden entre sus hermanas (menor primero)', example: 0 })
  order!: number;

  @ApiProperty({ description: 'Retirada: el registro ya no la acepta; los tickets la conservan' })
  retired!: boolean;
}

export class ServiceResponse implements ServiceV1 {
  @ApiProperty({ example: 'correo-institucional' })
  code!: string;

  @ApiProperty({ type: LocalizedTextV1 })
  label!: LocalizedTextV1;

  @ApiProperty()
  retired!: boolean;
}

export class JurisdictionResponse implements JurisdictionV1 {
  @ApiProperty({ example: 'SALUD' })
  code!: string;

  @ApiProperty({ example: 'Ministerio de Salud' })
  name!: string;

  @ApiProperty({ type: [String], description: 'Referentes tecnológicos (correo)' })
  referenteEmails!: string[];

  @ApiProperty({ type: [String], description: 'Supervisores (correo)' })
  supervisorEmails!: string[];

  @ApiProperty({
    description:
      'Confirmada por un administrador. Mientras ninguna lo está, el registro acepta cualquier jurisdicción; ' +
      'desde que una lo está, solo las confirmadas y activas.',
  })
  listed!: boolean;

  @ApiProperty()
  retired!: boolean;
}

export class CatalogueResponse implements CatalogueV1 {
  @ApiProperty({ type: [CategoryResponse], description: 'Categorías, cada una seguida de sus subcategorías' })
  categories!: CategoryResponse[];

  @ApiProperty({ type: [ServiceResponse] })
  services!: ServiceResponse[];

  @ApiProperty({ type: [JurisdictionResponse] })
  jurisdictions!: JurisdictionResponse[];
}
