import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { AREA_CODE_PATTERN, PROBLEM_STATUSES, type ProblemStatus } from '@cau/contracts';

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
