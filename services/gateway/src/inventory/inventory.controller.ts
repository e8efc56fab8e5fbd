import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AssignCustodyBodyV1,
  CustodyPeriodV1,
  EQUIPMENT_CSV_COLUMNS,
  EquipmentChangesV1,
  EquipmentFieldsV1,
  EquipmentHistoryEntryV1,
  EquipmentListParamsV1,
  EquipmentPageV1,
  EquipmentTypeV1,
  EquipmentV1,
  INVENTORY_IMPORT_ROLES,
  INVENTORY_READ_ROLES,
  INVENTORY_WRITE_ROLES,
  ImportReportV1,
  InventoryRpc,
  ReturnCustodyBodyV1,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { InventoryClient } from '../http/service-clients.js';
import { OptionalBodyPipe } from '../knowledge/knowledge.dto.js';
import { EquipmentIdParams } from './inventory.dto.js';
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';
import { IMPORT_FILE_FIELD, equipmentCsv } from './equipment-csv.js';
import { EquipmentCsvUseCase, IMPORT_MAX_BYTES } from './equipment-csv.use-case.js';

const READ = [...INVENTORY_READ_ROLES];
const WRITE = [...INVENTORY_WRITE_ROLES];
const IMPORT = [...INVENTORY_IMPORT_ROLES];
const EQUIPMENT_ID = new ContractPipe(EquipmentIdParams);
const LIST_PARAMS = new ContractPipe(EquipmentListParamsV1, ['limit']);

const CSV_COLUMNS_DOC =
  `Columnas (primera línea, en cualquier orden; mayúsculas, tildes y «de» no importan): ${EQUIPMENT_CSV_COLUMNS.join(', ')}. ` +
  'Obligatorias: numero_inventario, tipo, estado; las que falten conservan lo registrado. Tipos y estados por código ' +
  'o como se escriben («Dispositivo de red», «En reparación»); fechas AAAA-MM-DD; atributos, un objeto JSON de textos.';

/**
 * The equipment register (docs/domain.md § Field service). Staff (operators, agents, supervisors, administrators) read and
 * register equipment; only supervisors and administrators import a CSV, which can rewrite thousands of
 * records at once. Requesters will see only "mi equipo" (a later issue). Inventory decides who may do what: the
 * routes forward to it with the actor, but for the CSV files, which the gateway reads and writes.
 */
@ApiTags('inventory')
@Controller('api/v1/inventory')
export class InventoryController {
  constructor(
    private readonly inventory: InventoryClient,
    private readonly csv: EquipmentCsvUseCase,
  ) {}

  @Get('equipment')
  @Roles(...READ)
  @ApiOperation({
    summary: 'Lista equipos por número de inventario, con filtros y búsqueda',
    description:
      '`text` busca en número de inventario, serie, marca y modelo (sin distinguir mayúsculas; un número o una ' +
      'serie exactos se encuentran al instante). `holderEmail` lista solo lo que esa persona tiene hoy en ' +
      'resguardo (lo que una registración para ella puede nombrar en `equipmentIds`). Páginas con `cursor` ' +
      '(el `nextCursor` de la anterior).',
  })
  @ApiQueryFromContract(EquipmentListParamsV1, {
    holderEmail: {
      description:
        'Solo los equipos que la persona con esta dirección tiene hoy en resguardo (sin distinguir mayúsculas)',
    },
  })
  @ApiOkResponse({ schema: contractSchemaRef(EquipmentPageV1) })
  @ApiErrors(400, 403, 503)
  list(@CurrentActor() actor: ActorV1, @Query(LIST_PARAMS) params: EquipmentListParamsV1): Promise<EquipmentPageV1> {
    return this.inventory.request(InventoryRpc.ListEquipment, { actor, params }, 'params');
  }

  @Post('equipment')
  @Roles(...WRITE)
  @ApiOperation({
    summary: 'Registra un equipo',
    description:
      'Un número de inventario ya usado (sin distinguir mayúsculas) responde 409; cada alta queda en la historia.',
  })
  @ApiBody({ schema: contractSchemaRef(EquipmentFieldsV1) })
  @ApiCreatedResponse({ schema: contractSchemaRef(EquipmentV1) })
  @ApiErrors(400, 403, 409, 413, 415, 503)
  register(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(EquipmentFieldsV1)) equipment: EquipmentFieldsV1,
  ): Promise<EquipmentV1> {
    return this.inventory.request(InventoryRpc.RegisterEquipment, { actor, equipment }, 'equipment');
  }

  @Get('equipment.csv')
  @Roles(...READ)
  @ApiOperation({
    summary: 'Los equipos de la lista filtrada, todos, en CSV (UTF-8)',
    description: `Las mismas columnas que la importación: el archivo se puede volver a importar. ${CSV_COLUMNS_DOC}`,
  })
  @ApiQueryFromContract(EquipmentListParamsV1)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'Una línea por equipo, con cabecera',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors(400, 403, 503)
  async export(
    @CurrentActor() actor: ActorV1,
    @Query(LIST_PARAMS) params: EquipmentListParamsV1,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const pages = await this.csv.pages(actor, params);
    void reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="inventario.csv"')
      .send(equipmentCsv(pages));
  }

  @Post('equipment/import')
  @HttpCode(200)
  @Roles(...IMPORT)
  @ApiOperation({
    summary: 'Importa equipos desde un CSV: todo o nada',
    description:
      `Cuerpo multipart/form-data con el archivo en la parte \`${IMPORT_FILE_FIELD}\` (hasta ${IMPORT_MAX_BYTES / 1024 / 1024} MiB). ` +
      `${CSV_COLUMNS_DOC} Cada fila se asocia a un equipo por su número de inventario: los nuevos se crean, los ` +
      'registrados se cambian si algún dato difiere y los iguales no se tocan (importar dos veces el mismo archivo ' +
      'no cambia nada la segunda). Si alguna fila tiene errores no se importa ninguna: 400 con `fields`, primero ' +
      'cuántas líneas fallaron (`file`) y luego cada problema como `file.<línea>.<columna>`. Un archivo que no es CSV ' +
      'válido (comillas sin cerrar) responde 400 en `file` con la línea.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [IMPORT_FILE_FIELD],
      properties: { [IMPORT_FILE_FIELD]: { type: 'string', format: 'binary', description: 'El CSV (UTF-8, coma)' } },
    },
  })
  @ApiOkResponse({ schema: contractSchemaRef(ImportReportV1), description: 'Qué hizo la importación' })
  @ApiErrors(400, 403, 413, 415, 503)
  import(@CurrentActor() actor: ActorV1, @Req() request: FastifyRequest): Promise<ImportReportV1> {
    return this.csv.import(actor, request);
  }

  @Get('equipment-types')
  @Roles(...READ)
  @ApiOperation({ summary: 'El catálogo de tipos de equipo' })
  @ApiOkResponse({ schema: { type: 'array', items: contractSchemaRef(EquipmentTypeV1) } })
  @ApiErrors(403, 503)
  types(@CurrentActor() actor: ActorV1): Promise<EquipmentTypeV1[]> {
    return this.inventory.request(InventoryRpc.EquipmentTypes, { actor });
  }

  @Get('equipment/:id')
  @Roles(...READ)
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOperation({ summary: 'Un equipo' })
  @ApiOkResponse({ schema: contractSchemaRef(EquipmentV1) })
  @ApiErrors(400, 403, 404, 503)
  get(@CurrentActor() actor: ActorV1, @Param(EQUIPMENT_ID) { id }: EquipmentIdParams): Promise<EquipmentV1> {
    return this.inventory.request(InventoryRpc.GetEquipment, { actor, id });
  }

  @Patch('equipment/:id')
  @Roles(...WRITE)
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOperation({
    summary: 'Cambia datos de un equipo',
    description:
      'Los campos omitidos no cambian; `null` borra uno opcional. `revision` debe ser la leída: si otro lo cambió ' +
      'antes, 409. Cada cambio queda en la historia con el registro antes y después.',
  })
  @ApiBody({ schema: contractSchemaRef(EquipmentChangesV1) })
  @ApiOkResponse({ schema: contractSchemaRef(EquipmentV1) })
  @ApiErrors(400, 403, 404, 409, 413, 415, 503)
  change(
    @CurrentActor() actor: ActorV1,
    @Param(EQUIPMENT_ID) { id }: EquipmentIdParams,
    @Body(new ContractPipe(EquipmentChangesV1)) changes: EquipmentChangesV1,
  ): Promise<EquipmentV1> {
    return this.inventory.request(InventoryRpc.ChangeEquipment, { actor, id, changes }, 'changes');
  }

  @Get('equipment/:id/history')
  @Roles(...READ)
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOperation({ summary: 'La historia del equipo: quién, cuándo, qué acción, el registro antes y después' })
  @ApiOkResponse({ schema: { type: 'array', items: contractSchemaRef(EquipmentHistoryEntryV1) } })
  @ApiErrors(400, 403, 404, 503)
  history(
    @CurrentActor() actor: ActorV1,
    @Param(EQUIPMENT_ID) { id }: EquipmentIdParams,
  ): Promise<EquipmentHistoryEntryV1[]> {
    return this.inventory.request(InventoryRpc.EquipmentHistory, { actor, id });
  }

  @Post('equipment/:id/custody')
  @HttpCode(200)
  @Roles(...WRITE)
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOperation({
    summary: 'Da el equipo en resguardo a una persona, o lo transfiere a otra',
    description:
      '`requesterId` es una persona del directorio de solicitantes (`requesters?search=`): 400 si no existe. ' +
      'Si otra persona lo tenía, su resguardo termina en ese momento (transferencia). Un equipo en reparación ' +
      'o dado de baja no se asigna ni se transfiere: 409 con el motivo.',
  })
  @ApiBody({ schema: contractSchemaRef(AssignCustodyBodyV1) })
  @ApiOkResponse({ schema: contractSchemaRef(EquipmentV1), description: 'El equipo con su resguardo nuevo' })
  @ApiErrors(400, 403, 404, 409, 413, 415, 503)
  assignCustody(
    @CurrentActor() actor: ActorV1,
    @Param(EQUIPMENT_ID) { id }: EquipmentIdParams,
    @Body(new ContractPipe(AssignCustodyBodyV1)) custody: AssignCustodyBodyV1,
  ): Promise<EquipmentV1> {
    return this.inventory.request(InventoryRpc.AssignCustody, { actor, id, custody }, 'custody');
  }

  @Post('equipment/:id/custody/return')
  @HttpCode(200)
  @Roles(...WRITE)
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOperation({ summary: 'Registra la devolución del equipo: termina su resguardo (409 si nadie lo tenía)' })
  @ApiBody({ schema: contractSchemaRef(ReturnCustodyBodyV1), required: false })
  @ApiOkResponse({ schema: contractSchemaRef(EquipmentV1), description: 'El equipo sin resguardo' })
  @ApiErrors(400, 403, 404, 409, 413, 415, 503)
  returnCustody(
    @CurrentActor() actor: ActorV1,
    @Param(EQUIPMENT_ID) { id }: EquipmentIdParams,
    @Body(new OptionalBodyPipe(ReturnCustodyBodyV1)) custody: ReturnCustodyBodyV1,
  ): Promise<EquipmentV1> {
    return this.inventory.request(InventoryRpc.ReturnCustody, { actor, id, custody }, 'custody');
  }

  @Get('equipment/:id/custody')
  @Roles(...READ)
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOperation({ summary: 'Los resguardos del equipo, el más reciente primero: quién, desde y hasta cuándo' })
  @ApiOkResponse({ schema: { type: 'array', items: contractSchemaRef(CustodyPeriodV1) } })
  @ApiErrors(400, 403, 404, 503)
  custody(@CurrentActor() actor: ActorV1, @Param(EQUIPMENT_ID) { id }: EquipmentIdParams): Promise<CustodyPeriodV1[]> {
    return this.inventory.request(InventoryRpc.CustodyHistory, { actor, id });
  }
}
