import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsString, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { AlertIntegrationV1, Documented } from '@cau/contracts';

export class IntegrationIdParams {
  @IsDefined()
  @IsUUID()
  id!: string;
}

/** `GET /monitoring/alerts` query string. */
export class RecentAlertsFilters {
  @IsOptional()
  @IsUUID()
  integrationId?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** An integration as administrators see it: intake's, plus the path its tool is to call. */
export class MonitoringIntegration extends AlertIntegrationV1 {
  @IsString()
  @Documented({
    description: 'Ruta del webhook a configurar en Alertmanager o Zabbix (anteponer la URL pública del CAU)',
  })
  webhookPath!: string;
}

export class MonitoringIntegrationList {
  @ValidateNested({ each: true })
  @Type(() => MonitoringIntegration)
  integrations!: MonitoringIntegration[];
}

/** A new or renewed secret, with the integration it opens. */
export class MonitoringIntegrationSecret {
  @ValidateNested()
  @Type(() => MonitoringIntegration)
  integration!: MonitoringIntegration;

  @IsString()
  @Documented({ description: 'El secreto del webhook: se muestra solo esta vez (se guarda su hash)' })
  secret!: string;
}
