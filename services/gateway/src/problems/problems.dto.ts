import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  AREA_CODE_PATTERN,
  PROBLEM_STATUSES,
  TICKET_STATUSES,
  type ProblemStatus,
  type TicketStatus,
} from '@cau/contracts';

export class ProblemsQuery {
  @JSONSchema({ description: 'Solo los problemas en este estado' })
  @IsOptional()
  @IsIn(PROBLEM_STATUSES)
  status?: ProblemStatus;

  @JSONSchema({ description: 'Solo los problemas de esta área responsable' })
  @IsOptional()
  @Matches(AREA_CODE_PATTERN)
  area?: string;

  @JSONSchema({ description: 'El problema al que está vinculado este ticket (una lista de a lo sumo uno)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  ticket?: number;
}

export class ProblemIdParams {
  @IsUUID()
  id!: string;
}

export class ProblemTicketParams {
  @IsUUID()
  id!: string;

  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  number!: number;
}

// Documentation of resolution's answers, which the gateway passes through unchanged.

class ByResponse {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ example: 'Ana Gómez' })
  name!: string;

  @ApiProperty({ example: 'agent' })
  role!: string;

  @ApiPropertyOptional({ example: 'ana.gomez@agetic.gob.bo' })
  email?: string;
}

export class ProblemSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 12, description: 'Número correlativo del problema (PRB-12)' })
  number!: number;

  @ApiProperty({ example: 'Caídas del correo institucional por las mañanas' })
  title!: string;

  @ApiProperty({ enum: PROBLEM_STATUSES, description: 'Estado del análisis' })
  status!: ProblemStatus;

  @ApiProperty({ example: 'UIT', description: 'Área responsable del análisis' })
  area!: string;

  @ApiProperty({ description: 'Incidentes vinculados' })
  ticketCount!: number;

  @ApiProperty({ description: 'Incidentes vinculados que aún no están cerrados' })
  openTicketCount!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class ProblemsResponse {
  @ApiProperty({ type: [ProblemSummaryResponse] })
  problems!: ProblemSummaryResponse[];

  @ApiProperty({ description: 'Problemas no cerrados, con cualquier filtro' })
  openCount!: number;
}

class ProblemTicketResponse {
  @ApiProperty({ example: 1042 })
  number!: number;

  @ApiProperty({ example: 'UIT' })
  area!: string;

  @ApiProperty({ enum: TICKET_STATUSES, description: 'Estado actual del ticket' })
  status!: TicketStatus;

  @ApiProperty({ format: 'date-time' })
  linkedAt!: string;
}

class ProblemActionResponse {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: ByResponse })
  by!: ByResponse;

  @ApiProperty({ example: 'Se renovó el certificado del servidor de correo.' })
  text!: string;
}

export class ProblemResponse extends ProblemSummaryResponse {
  @ApiProperty()
  description!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Causa raíz, cuando se conoce' })
  rootCause!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Solución temporal mientras no hay una definitiva' })
  workaround!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Artículo de la base de conocimiento que explica la solución temporal',
  })
  workaroundArticleId!: string | null;

  @ApiProperty({ type: ByResponse })
  createdBy!: ByResponse;

  @ApiProperty({ type: [ProblemTicketResponse], description: 'Incidentes vinculados, con su estado' })
  tickets!: ProblemTicketResponse[];

  @ApiProperty({ type: [ProblemActionResponse], description: 'Acciones realizadas, en orden' })
  actions!: ProblemActionResponse[];
}
