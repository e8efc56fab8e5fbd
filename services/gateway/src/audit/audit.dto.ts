import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

/** What the audit log records changes of. */
export const AUDIT_TARGET_TYPES = [
  'account',
  'canned-answer',
  'area',
  'escalation-graph',
  'sla-policies',
  'priority-matrix',
  'notification-rules',
  'area-mailboxes',
  'holiday',
  'calendar',
  'mail-template',
  'catalogue-category',
  'catalogue-service',
  'catalogue-jurisdiction',
  'step-targets',
  'announcement',
  'monitoring-integration',
  'problem',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** The action codes: `<target type>.<verb>`. */
export const AUDIT_ACTIONS = [
  'account.create',
  'account.update',
  'account.password-reset',
  'account.sign-in',
  'account.sign-in-failure',
  'account.link',
  'account.role-sync',
  'account.registration-request',
  'account.registration-verify',
  'canned-answer.create',
  'canned-answer.update',
  'canned-answer.delete',
  'area.rename',
  'escalation-graph.replace',
  'sla-policies.replace',
  'priority-matrix.replace',
  'notification-rules.replace',
  'area-mailboxes.replace',
  'holiday.add',
  'holiday.remove',
  'holidays.import',
  'calendar.create',
  'calendar.update',
  'mail-template.put',
  'mail-template.reset',
  'step-targets.replace',
  'catalogue.category.create',
  'catalogue.category.update',
  'catalogue.category.retire',
  'catalogue.category.restore',
  'catalogue.service.create',
  'catalogue.service.update',
  'catalogue.service.retire',
  'catalogue.service.restore',
  'catalogue.jurisdiction.create',
  'catalogue.jurisdiction.update',
  'catalogue.jurisdiction.retire',
  'catalogue.jurisdiction.restore',
  'announcement.create',
  'announcement.update',
  'announcement.withdraw',
  'monitoring-integration.create',
  'monitoring-integration.update',
  'monitoring-integration.rotate-secret',
  'problem.create',
  'problem.update',
  'problem.close',
  'problem.add-action',
  'problem.link-tickets',
  'problem.unlink-ticket',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_PAGE_SIZE = { default: 50, max: 200 } as const;

/** `GET /audit` query string. */
export class AuditQueryParams {
  @IsOptional()
  @IsIn(AUDIT_TARGET_TYPES)
  targetType?: AuditTargetType;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  targetId?: string;

  @IsOptional()
  @IsUUID()
  actor?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_SIZE.max)
  limit?: number;

  @IsOptional()
  @Matches(/^[1-9][0-9]{0,17}$/)
  cursor?: string;
}

export class AuditActorResponse {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ description: 'El nombre que tenía al hacer el cambio' })
  name!: string;

  @ApiProperty({ description: 'El correo que tenía al hacer el cambio' })
  email!: string;
}

export class AuditEntryResponse {
  @ApiProperty({ description: 'Número de orden del registro (el más nuevo es el mayor)' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: AuditActorResponse })
  actor!: AuditActorResponse;

  @ApiProperty({ enum: AUDIT_ACTIONS })
  action!: AuditAction;

  @ApiProperty({ enum: AUDIT_TARGET_TYPES })
  targetType!: AuditTargetType;

  @ApiProperty({ description: 'Id de la cuenta o respuesta, código del área, clave de la plantilla…' })
  targetId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'El registro antes del cambio (null si se creó)',
  })
  before!: Record<string, unknown> | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'El registro después del cambio (null si se borró)',
  })
  after!: Record<string, unknown> | null;
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditEntryResponse] })
  items!: AuditEntryResponse[];

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Se pasa como `cursor` para la página siguiente (más antigua); null en la última',
  })
  nextCursor!: string | null;
}
