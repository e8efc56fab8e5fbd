import { IsString, IsUUID } from 'class-validator';

// Small parts several services' replies share (see reply-schema.ts for why replies are classes).

/** Who took a step, as recorded with it. */
export class ActingAccountV1 {
  @IsUUID()
  accountId!: string;

  @IsString()
  name!: string;

  @IsString()
  role!: string;
}

/** Who has taken a ticket in its current area. */
export class TicketAssigneeV1 {
  @IsUUID()
  accountId!: string;

  @IsString()
  name!: string;
}

/** A line in both languages the API speaks. */
export class LocalizedTextV1 {
  @IsString()
  es!: string;

  @IsString()
  en!: string;
}
