import { IsUUID } from 'class-validator';

export class EquipmentIdParams {
  @IsUUID()
  id!: string;
}
