import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { IsInt, IsUUID, Min } from 'class-validator';
import {
  FieldVisitV1,
  INVENTORY_READ_ROLES,
  INVENTORY_WRITE_ROLES,
  InventoryRpc,
  LinkTicketEquipmentBodyV1,
  PlanVisitBodyV1,
  ROLES,
  RecordVisitBodyV1,
  RepairOutBodyV1,
  RepairReturnBodyV1,
  RepairV1,
  SignOffBodyV1,
  SignOffV1,
  TicketEquipmentV1,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { InventoryClient } from '../http/service-clients.js';
import { EquipmentIdParams } from '../inventory/inventory.dto.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { TicketNumberParams } from '../tickets/ticket.dto.js';
import { FieldServiceUseCase } from './field-service.use-case.js';

export class TicketEquipmentParams {
  @IsInt()
  @Min(1)
  number!: number;

  @IsUUID()
  equipmentId!: string;
}

export class TicketVisitParams {
  @IsInt()
  @Min(1)
  number!: number;

  @IsUUID()
  visitId!: string;
}

export class TicketRepairParams {
  @IsInt()
  @Min(1)
  number!: number;

  @IsUUID()
  repairId!: string;
}

const TICKET_REPAIR = new ContractPipe(TicketRepairParams, ['number']);
const TICKET_VISIT = new ContractPipe(TicketVisitParams, ['number']);
const TICKET_NUMBER = new ContractPipe(TicketNumberParams, ['number']);
const TICKET_EQUIPMENT = new ContractPipe(TicketEquipmentParams, ['number']);

/**
 * Field service on a ticket (docs/domain.md § Field service; issue 15): the equipment a ticket names. Whoever may see the
 * ticket sees its equipment; staff link and unlink it.
 */
@ApiTags('field-service')
@Controller('api/v1')
export class FieldServiceController {
  constructor(
    private readonly field: FieldServiceUseCase,
    private readonly inventory: InventoryClient,
  ) {}

  @Get('tickets/:number/equipment')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Los equipos que nombra el ticket',
    description: 'Quien puede ver el ticket ve sus equipos (un solicitante, los de sus propios tickets).',
  })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ schema: { type: 'array', items: contractSchemaRef(TicketEquipmentV1) } })
  @ApiErrors(400, 403, 404, 503)
  equipment(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
  ): Promise<TicketEquipmentV1[]> {
    return this.field.equipment(actor, number);
  }

  @Post('tickets/:number/equipment')
  @Roles(...INVENTORY_WRITE_ROLES)
  @ApiOperation({
    summary: 'Vincula un equipo al ticket',
    description:
      'El equipo se busca antes por número de inventario o serie (`GET /api/v1/inventory/equipment?text=`). ' +
      'Vincular un equipo ya vinculado no cambia nada; un `equipmentId` que no es del inventario responde 400 ' +
      'nombrando el campo. Responde los equipos del ticket.',
  })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiBody({ schema: contractSchemaRef(LinkTicketEquipmentBodyV1) })
  @ApiCreatedResponse({ schema: { type: 'array', items: contractSchemaRef(TicketEquipmentV1) } })
  @ApiErrors(400, 403, 404, 413, 415, 503)
  link(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(LinkTicketEquipmentBodyV1)) body: LinkTicketEquipmentBodyV1,
  ): Promise<TicketEquipmentV1[]> {
    return this.field.link(actor, number, body.equipmentId);
  }

  @Delete('tickets/:number/equipment/:equipmentId')
  @Roles(...INVENTORY_WRITE_ROLES)
  @ApiOperation({ summary: 'Desvincula un equipo del ticket', description: 'Responde los equipos que quedan.' })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiParam({ name: 'equipmentId', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ schema: { type: 'array', items: contractSchemaRef(TicketEquipmentV1) } })
  @ApiErrors(400, 403, 404, 503)
  unlink(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_EQUIPMENT) { number, equipmentId }: TicketEquipmentParams,
  ): Promise<TicketEquipmentV1[]> {
    return this.field.unlink(actor, number, equipmentId);
  }

  @Get('tickets/:number/visits')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Las visitas de campo del ticket',
    description: 'Quien puede ver el ticket ve sus visitas, planificadas y registradas, por fecha planificada.',
  })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ schema: { type: 'array', items: contractSchemaRef(FieldVisitV1) } })
  @ApiErrors(400, 403, 404, 503)
  visits(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
  ): Promise<FieldVisitV1[]> {
    return this.field.visits(actor, number);
  }

  @Post('tickets/:number/visits')
  @Roles(...INVENTORY_WRITE_ROLES)
  @ApiOperation({
    summary: 'Planifica una visita de campo',
    description:
      'Cuándo y quién: `visitor.kind` `staff` con `accountId` (una cuenta activa del personal; 400 que nombra ' +
      '`visitor.accountId` si no) o `contractor` con `company`, `technician` y, si la empresa lo dio, ' +
      '`reportNumber` (su propio número de reporte).',
  })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiBody({ schema: contractSchemaRef(PlanVisitBodyV1) })
  @ApiCreatedResponse({ schema: contractSchemaRef(FieldVisitV1) })
  @ApiErrors(400, 403, 404, 413, 415, 503)
  planVisit(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(PlanVisitBodyV1)) body: PlanVisitBodyV1,
  ): Promise<FieldVisitV1> {
    return this.field.planVisit(actor, number, body);
  }

  @Post('tickets/:number/visits/:visitId/record')
  @HttpCode(200)
  @Roles(...INVENTORY_WRITE_ROLES)
  @ApiOperation({
    summary: 'Registra una visita planificada',
    description:
      'Quién fue, llegada y salida (la salida no puede ser anterior a la llegada: 400 que nombra `departedAt`) y ' +
      'lo que se hizo. Una visita se registra una vez (409 la segunda). Una visita registrada hace del ticket un ' +
      'ticket de campo: para cerrarlo hará falta la conformidad.',
  })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiParam({ name: 'visitId', schema: { type: 'string', format: 'uuid' } })
  @ApiBody({ schema: contractSchemaRef(RecordVisitBodyV1) })
  @ApiOkResponse({ schema: contractSchemaRef(FieldVisitV1) })
  @ApiErrors(400, 403, 404, 409, 413, 415, 503)
  recordVisit(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_VISIT) { number, visitId }: TicketVisitParams,
    @Body(new ContractPipe(RecordVisitBodyV1)) body: RecordVisitBodyV1,
  ): Promise<FieldVisitV1> {
    return this.field.recordVisit(actor, number, visitId, body);
  }

  @Get('tickets/:number/repairs')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Los equipos que salieron a reparación por el ticket (F03)' })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ schema: { type: 'array', items: contractSchemaRef(RepairV1) } })
  @ApiErrors(400, 403, 404, 503)
  repairs(@CurrentActor() actor: ActorV1, @Param(TICKET_NUMBER) { number }: TicketNumberParams): Promise<RepairV1[]> {
    return this.field.repairs(actor, number);
  }

  @Post('tickets/:number/repairs')
  @Roles(...INVENTORY_WRITE_ROLES)
  @ApiOperation({
    summary: 'Registra la salida de un equipo a reparación (F03 «Salida de Equipo de Cómputo»)',
    description:
      'Quién lo retira, adónde va, el retorno previsto (AAAA-MM-DD, no anterior a hoy), el número de reporte de la ' +
      'empresa y el motivo. El equipo pasa a `en_reparacion` (su resguardo no se puede transferir mientras tanto); ' +
      'uno ya en reparación o dado de baja responde 409. El ticket pasa a ser un ticket de campo.',
  })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiBody({ schema: contractSchemaRef(RepairOutBodyV1) })
  @ApiCreatedResponse({ schema: contractSchemaRef(RepairV1) })
  @ApiErrors(400, 403, 404, 409, 413, 415, 503)
  repairOut(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(RepairOutBodyV1)) body: RepairOutBodyV1,
  ): Promise<RepairV1> {
    return this.field.repairOut(actor, number, body);
  }

  @Post('tickets/:number/repairs/:repairId/return')
  @HttpCode(200)
  @Roles(...INVENTORY_WRITE_ROLES)
  @ApiOperation({
    summary: 'Registra el retorno del equipo',
    description:
      'Fecha (no anterior a la salida), estado al retorno (`funciona`, `no_funciona`, `reemplazado`) y una nota. ' +
      'El equipo vuelve a `en_uso` si alguien lo tiene en resguardo, si no a `en_stock`.',
  })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiParam({ name: 'repairId', schema: { type: 'string', format: 'uuid' } })
  @ApiBody({ schema: contractSchemaRef(RepairReturnBodyV1) })
  @ApiOkResponse({ schema: contractSchemaRef(RepairV1) })
  @ApiErrors(400, 403, 404, 409, 413, 415, 503)
  repairReturn(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_REPAIR) { number, repairId }: TicketRepairParams,
    @Body(new ContractPipe(RepairReturnBodyV1)) body: RepairReturnBodyV1,
  ): Promise<RepairV1> {
    return this.field.repairReturn(actor, number, repairId, body);
  }

  @Get('tickets/:number/repairs/:repairId/f03.pdf')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'El formulario F03 «Salida de Equipo de Cómputo» en PDF',
    description: 'Quien puede ver el ticket puede descargarlo (un solicitante, el de su propio ticket).',
  })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiParam({ name: 'repairId', schema: { type: 'string', format: 'uuid' } })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'El PDF',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(400, 403, 404, 503)
  async repairForm(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_REPAIR) { number, repairId }: TicketRepairParams,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = await this.field.repairForm(actor, number, repairId);
    void reply
      .type('application/pdf')
      .header('Content-Disposition', `attachment; filename="${form.filename}"`)
      .send(form.pdf);
  }

  @Get('tickets/:number/sign-off')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'La conformidad de la atención en campo del ticket (404 si no hay)' })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ schema: contractSchemaRef(SignOffV1) })
  @ApiErrors(400, 403, 404, 503)
  signOff(@CurrentActor() actor: ActorV1, @Param(TICKET_NUMBER) { number }: TicketNumberParams): Promise<SignOffV1> {
    return this.field.signOff(actor, number);
  }

  @Post('tickets/:number/sign-off')
  @Roles(...INVENTORY_WRITE_ROLES)
  @ApiOperation({
    summary: 'Registra la conformidad al terminar una atención en campo',
    description:
      'La conformidad del usuario y las tres firmas (usuario, jefe del departamento, personal de la reparación): ' +
      'nombre y, si se dibujó, la firma como PNG (`data:image/png;base64,…`). Solo en un ticket con una visita ' +
      'registrada o una salida a reparación (409 si no). Una nueva conformidad reemplaza a la anterior.',
  })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiBody({ schema: contractSchemaRef(SignOffBodyV1) })
  @ApiCreatedResponse({ schema: contractSchemaRef(SignOffV1) })
  @ApiErrors(400, 403, 404, 409, 413, 415, 503)
  recordSignOff(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(SignOffBodyV1)) body: SignOffBodyV1,
  ): Promise<SignOffV1> {
    return this.field.recordSignOff(actor, number, body);
  }

  @Get('inventory/equipment/:id/repairs')
  @Roles(...INVENTORY_READ_ROLES)
  @ApiOperation({ summary: 'Las salidas a reparación del equipo', description: 'De la más reciente a la más antigua.' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ schema: { type: 'array', items: contractSchemaRef(RepairV1) } })
  @ApiErrors(400, 403, 404, 503)
  equipmentRepairs(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(EquipmentIdParams)) { id }: EquipmentIdParams,
  ): Promise<RepairV1[]> {
    return this.inventory.request(InventoryRpc.EquipmentRepairs, { actor, id });
  }

  @Get('inventory/equipment/:id/tickets')
  @Roles(...INVENTORY_READ_ROLES)
  @ApiOperation({ summary: 'Los tickets que nombran el equipo', description: 'Del más reciente al más antiguo.' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ schema: { type: 'array', items: contractSchemaRef(TicketEquipmentV1) } })
  @ApiErrors(400, 403, 404, 503)
  tickets(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(EquipmentIdParams)) { id }: EquipmentIdParams,
  ): Promise<TicketEquipmentV1[]> {
    return this.inventory.request(InventoryRpc.EquipmentTickets, { actor, id });
  }
}
