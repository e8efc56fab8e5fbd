import { ApiProperty } from '@nestjs/swagger';
import { Language, REPORT_GRANULARITIES, type ReportGranularity } from '@cau/contracts';

/** Documentation of reporting's `ReportScheduleV1`, which the gateway passes through unchanged. */
export class ReportScheduleResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: REPORT_GRANULARITIES })
  granularity!: ReportGranularity;

  @ApiProperty({ type: [String], description: 'En minúsculas, sin repetir' })
  recipients!: string[];

  @ApiProperty({ enum: Object.values(Language) })
  language!: Language;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Primer día del último período enviado; null hasta el primer envío',
    example: '2026-03-02',
  })
  lastPeriodSent!: string | null;
}
