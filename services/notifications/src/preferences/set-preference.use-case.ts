import { Injectable } from '@nestjs/common';
import type { PreferenceV1, SetPreferenceCommandV1 } from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { NotificationRulesRepository } from '../rules/notification-rules.repository.js';
import { recipientKindsOf } from '../rules/recipient-kinds.js';
import { mayTurnOff } from './preference-rules.js';

/**
 * A person turns one event type's mails to their own address off (or on again). The address is the
 * actor's, as the gateway verified it, so nobody changes another's mails. Essential rules (the
 * registration mail) ignore preferences, so an event type whose rules for the kinds of recipient the
 * actor can be (a requester is only ever the requester) are all essential is refused ({@link mayTurnOff};
 * announcement mails can always be turned off).
 */
@Injectable()
export class SetPreferenceUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly rules: NotificationRulesRepository,
  ) {}

  async execute(command: SetPreferenceCommandV1): Promise<PreferenceV1> {
    const email = command.actor.email.trim().toLowerCase();
    return this.runtime.transaction(async (tx) => {
      const optional = await this.rules.hasOptionalRule(tx, command.eventType, recipientKindsOf(command.actor.role));
      if (!mayTurnOff(command.eventType, optional)) {
        throw ServiceError.validation([{ field: 'eventType', constraint: 'essentialNotification' }]);
      }
      await this.rules.setPreference(tx, email, command.eventType, command.enabled);
      return { email, eventType: command.eventType, enabled: command.enabled };
    });
  }
}
