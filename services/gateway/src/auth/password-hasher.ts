import { Injectable, type OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Algorithm, hash, verify, type Options } from '@node-rs/argon2';

/** OWASP's argon2id baseline: 19 MiB of memory, 2 passes, 1 lane. */
const ARGON2: Options = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordHasher implements OnModuleInit {
  private decoyHash = '';

  async onModuleInit(): Promise<void> {
    // Checked instead of a real hash when the e-mail is unknown, so both answers take as long.
    this.decoyHash = await hash(randomBytes(32).toString('hex'), ARGON2);
  }

  hash(password: string): Promise<string> {
    return hash(password, ARGON2);
  }

  /** False for a null hash, after the same work as a real check. */
  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    const matches = await verify(passwordHash ?? this.decoyHash, password);
    return passwordHash !== null && matches;
  }
}
