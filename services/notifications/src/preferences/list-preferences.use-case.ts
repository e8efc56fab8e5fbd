import { Injectable } from '@nestjs/common';
import type { ActorEnvelopeBase, PreferenceListV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { NotificationRulesRepository } from '../rules/notification-rules.repository.js';

/** A person's own preferences (the actor's verified address): what their profile page shows. */
@Injectable()
export class ListPreferencesUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly rules: NotificationRulesRepository,
  ) {}

  async execute(query: ActorEnvelopeBase): Promise<PreferenceListV1> {
    const email = query.actor.email.trim().toLowerCase();
    const stored = await this.runtime.transaction((tx) => this.rules.preferencesOf(tx, email));
    return { items: stored.map((preference) => ({ email, ...preference })) };
  }
}
