import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  AcceptCustodyBodyV1,
  CustodyPeriodV1,
  InventoryLimits,
  InventoryRpc,
  MyEquipmentV1,
  ROLES,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { InventoryClient } from '../http/service-clients.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { CustodyPeriodParams } from './inventory.dto.js';

/**
 * The holder's side of custody (docs/domain.md § Field service: MX-PR15 lineamiento 7): everyone signed in reads the equipment they
 * hold and accepts its custody document. Only their own: the address they sign in with is the one that
 * keys intake's requester directory, and inventory answers 404 for anyone else's period.
 */
@ApiTags('inventory')
@Controller('api/v1/inventory')
export class MyEquipmentController {
  constructor(private readonly inventory: InventoryClient) {}

  @Get('my-equipment')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Mi equipo: lo que la persona tiene en resguardo ahora, con el texto de cada resguardo',
    description: '`signature` dice si la oficina pide la firma dibujada al aceptar (`CUSTODY_SIGNATURE`).',
  })
  @ApiOkResponse({ schema: contractSchemaRef(MyEquipmentV1) })
  @ApiErrors(503)
  mine(@CurrentActor() actor: ActorV1): Promise<MyEquipmentV1> {
    return this.inventory.request(InventoryRpc.MyEquipment, { actor });
  }

  @Post('equipment/:id/custody/:periodId/accept')
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiParam({ name: 'periodId', schema: { type: 'string', format: 'uuid' } })
  @ApiOperation({
    summary: 'Quien tiene el equipo acepta su resguardo: una vez, y no cambia nunca',
    description:
      '`text` es el texto del resguardo tal como se leyó (`my-equipment`): si el equipo cambió desde entonces, 409. ' +
      '`signature`, la firma dibujada en PNG (base64, hasta ' +
      `${InventoryLimits.signatureBytes / 1024} KiB), obligatoria, opcional o no admitida según la oficina. ` +
      'Solo la persona del resguardo abierto lo acepta (otra: 404; personal que no lo tiene: 403); uno ya ' +
      'aceptado o terminado: 409.',
  })
  @ApiBody({ schema: contractSchemaRef(AcceptCustodyBodyV1) })
  @ApiOkResponse({ schema: contractSchemaRef(CustodyPeriodV1), description: 'El resguardo con su aceptación' })
  @ApiErrors(400, 403, 404, 409, 413, 415, 503)
  accept(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(CustodyPeriodParams)) { id, periodId }: CustodyPeriodParams,
    @Body(new ContractPipe(AcceptCustodyBodyV1)) acceptance: AcceptCustodyBodyV1,
  ): Promise<CustodyPeriodV1> {
    return this.inventory.request(InventoryRpc.AcceptCustody, { actor, id, periodId, acceptance }, 'acceptance');
  }

  @Get('equipment/:id/custody/:periodId/document')
  @Roles(...ROLES)
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiParam({ name: 'periodId', schema: { type: 'string', format: 'uuid' } })
  @ApiOperation({
    summary: 'El resguardo de un período en PDF',
    description:
      'Con el membrete de la oficina, los datos del equipo, la persona, desde cuándo, la nota de la entrega, el ' +
      'texto del resguardo y, si se aceptó, quién y cuándo (con la firma dibujada si la hubo). Para el personal y ' +
      'para la persona de ese resguardo; para cualquier otra, 404.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'El PDF',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(400, 404, 503)
  async document(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(CustodyPeriodParams)) { id, periodId }: CustodyPeriodParams,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Inventory answers the PDF in base64 (a few tens of KiB).
    const { filename, base64 } = await this.inventory.document(InventoryRpc.CustodyDocument, { actor, id, periodId });
    void reply
      .type('application/pdf')
      .header('Content-Disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
      .send(Buffer.from(base64, 'base64'));
  }
}
