import { IsUUID } from 'class-validator';

export class EquipmentIdParams {
  @IsUUID()
  id!: string;
}

export class CustodyPeriodParams {
  @IsUUID()
  id!: string;

  @IsUUID()
  periodId!: string;
}
