import { Events } from '@cau/contracts';
import { onEvent, type ServiceDefinition } from '@cau/messaging';
import { notificationsConfigFromEnv } from './config/notifications-config.js';
import { NotificationsSettings } from './config/notifications-settings.js';
import { MailSender } from './delivery/mail-sender.js';
import { NotificationsSchema1763800005000 } from './migrations/1763800005000-notifications-schema.js';
import { NotificationsModule } from './notifications.module.js';
import { QueueRegistrationMailUseCase } from './registration-mail/queue-registration-mail.use-case.js';

export const notificationsService: ServiceDefinition = {
  name: 'notifications',
  schema: 'notifications',
  module: NotificationsModule,
  migrations: [NotificationsSchema1763800005000],
  portVariable: 'NOTIFICATIONS_PORT',
  defaultPort: 3105,
  consumers: (app) => {
    const registrationMail = app.get(QueueRegistrationMailUseCase);
    return [
      {
        durable: 'notifications',
        handlers: [onEvent(Events.TicketRegistered, (event, tx) => registrationMail.handle(event, tx))],
      },
    ];
  },
  async afterStart(app, runtime, env) {
    app
      .get(NotificationsSettings)
      .load(notificationsConfigFromEnv(env, { databasePoolSize: runtime.database.poolSize }));
    // Started before the consumers, so mails recorded by the first events are sent at once.
    await app.get(MailSender).start();
  },
};
