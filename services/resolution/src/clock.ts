import { Injectable } from '@nestjs/common';

/**
 * The time every rule of this service reads (SLA due dates, breaches, reopen windows, history). Injected
 * by class, so tests give the service a clock they move instead of waiting hours of business time.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
