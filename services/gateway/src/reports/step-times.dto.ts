import { ApiProperty } from '@nestjs/swagger';
import { FIELD_STEPS, StepTimesLimits, type FieldStep, type StepTargetsInputV1 } from '@cau/contracts';

// The body of PUT step-targets, for the documentation only (ContractPipe checks it against StepTargetsInputV1):
// its rules cannot say that `minutes` may be null, which clears a target.
export class StepTargetInputBody {
  @ApiProperty({
    enum: FIELD_STEPS,
    description: 'Actividad del procedimiento «Atención a Usuarios y Soporte Técnico»; 08b: reparación fuera del sitio',
  })
  step!: FieldStep;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: StepTimesLimits.maxTargetMinutes,
    description: 'Minutos hábiles; null deja la actividad sin meta',
  })
  minutes!: number | null;
}

export class StepTargetsInputBody implements StepTargetsInputV1 {
  @ApiProperty({
    type: [StepTargetInputBody],
    minItems: 1,
    maxItems: FIELD_STEPS.length,
    description: 'Las actividades a cambiar, cada una una vez',
  })
  targets!: StepTargetInputBody[];
}
