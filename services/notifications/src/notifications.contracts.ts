import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ActorEnvelopeBase } from '@cau/contracts';
import { DELIVERY_STATUSES, type DeliveryStatus, type DeliverySummary } from './delivery/delivery.js';
import { NOTIFIED_EVENT_TYPES } from './ticket-mails/ticket-mail-plans.js';

/**
 * The service's request subjects and payloads. They belong in the contracts library beside the other
 * subjects; they live here until the contracts declare them. Never rename a subject in place.
 */
export const NotificationsRequests = {
  /** Anyone: turns one event type's non-essential mails to the actor's own address off or on. */
  SetPreference: 'notifications.preferences.set.v1',
  /** Administrators: the deliveries, newest first, optionally of one status. */
  ListDeliveries: 'notifications.deliveries.list.v1',
  /** Administrators: a failed delivery back to pending, its attempts counted from zero. */
  RetryDelivery: 'notifications.deliveries.retry.v1',
} as const;

export const MAX_DELIVERIES_LISTED = 500;
export const DEFAULT_DELIVERIES_LISTED = 50;

export class SetPreferenceCommandV1 extends ActorEnvelopeBase {
  @IsDefined()
  @IsIn(NOTIFIED_EVENT_TYPES)
  eventType!: string;

  @IsDefined()
  @IsBoolean()
  enabled!: boolean;
}

export interface PreferenceV1 {
  email: string;
  eventType: string;
  enabled: boolean;
}

export class ListDeliveriesQueryV1 extends ActorEnvelopeBase {
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DELIVERIES_LISTED)
  limit?: number;
}

export interface DeliveryListV1 {
  deliveries: DeliverySummary[];
}

export class RetryDeliveryCommandV1 extends ActorEnvelopeBase {
  @IsDefined()
  @IsUUID()
  id!: string;
}
