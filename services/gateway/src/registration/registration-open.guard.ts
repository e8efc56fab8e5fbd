import { Injectable, type CanActivate } from '@nestjs/common';
import { ErrorCode } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { IdentityConfig } from '../oidc/oidc-config.js';

/**
 * Refuses the registration routes where SELF_REGISTRATION is off, before the body is read: a closed
 * installation answers REGISTRATION_CLOSED whatever is sent.
 */
@Injectable()
export class RegistrationOpenGuard implements CanActivate {
  constructor(private readonly identity: IdentityConfig) {}

  canActivate(): boolean {
    if (!this.identity.selfRegistration.open) throw new ServiceError({ code: ErrorCode.RegistrationClosed });
    return true;
  }
}
