import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@cau/contracts';
import { Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { ApiQueryFromContract } from '../openapi/contract-schemas.js';
import { AuditLogUseCase } from './audit-log.use-case.js';
import { AuditPageResponse, AuditQueryParams } from './audit.dto.js';

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly auditLog: AuditLogUseCase) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'El registro de auditoría: quién cambió qué y cuándo',
    description:
      'Cambios de cuentas, respuestas predefinidas, áreas, grafo de escalamiento, políticas de SLA y ' +
      'plantillas de correo, con el registro antes y después. Del más nuevo al más antiguo, de a `limit` ' +
      '(50 por omisión, hasta 200), con `cursor` (el `nextCursor` de la página anterior). Filtros: ' +
      '`targetType` y `targetId` (p. ej. `account` y el id de la cuenta), `actor` (id de la cuenta que hizo ' +
      'el cambio), `from` (desde, inclusive) y `to` (hasta, exclusive) en ISO 8601.',
  })
  @ApiQueryFromContract(AuditQueryParams)
  @ApiOkResponse({ type: AuditPageResponse })
  @ApiErrors(400)
  search(@Query(new ContractPipe(AuditQueryParams, ['limit'])) params: AuditQueryParams): Promise<AuditPageResponse> {
    return this.auditLog.search(params);
  }
}
