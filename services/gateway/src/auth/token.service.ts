import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import { ActorV1, ErrorCode, validateContract } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { GatewayConfig } from '../config/gateway-config.js';
import type { Account } from '../accounts/account.repository.js';

export interface AccessToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

const ISSUER = 'cau-gateway';
const AUDIENCE = 'cau-api';
/** Tokens remembered as verified; the oldest is forgotten first. About 2.5 MB when full. */
const VERIFIED_CAPACITY = 5_000;

/** Issues and verifies the gateway's access tokens (JWT, HS256). */
@Injectable()
export class TokenService {
  /** Imported once: given raw bytes, jose would import the key through WebCrypto on every request. */
  private readonly key: KeyObject;
  /**
   * Tokens already verified, with their actor and expiry. jose verifies HS256 through WebCrypto, an
   * asynchronous job that cost about 0.9 ms of the gateway's CPU per request (as much as the rest of a
   * search through the inventory), and the actor's validation another slice. A token is the signed bytes
   * themselves: the same string verifies the same way until it expires, so only the expiry is checked again.
   */
  private readonly verified = new Map<string, { actor: ActorV1; expiresAtMs: number }>();

  constructor(private readonly config: GatewayConfig) {
    this.key = createSecretKey(config.jwtSecret);
  }

  async issue(account: Account): Promise<AccessToken> {
    const accessToken = await new SignJWT({
      role: account.role,
      email: account.email,
      name: account.name,
      ...(account.jurisdiction ? { jurisdiction: account.jurisdiction } : {}),
      ...(account.area ? { area: account.area } : {}),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(account.id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.config.jwtTtlSeconds}s`)
      .sign(this.key);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtTtlSeconds };
  }

  /** The actor a valid token speaks for; UNAUTHORIZED for anything else (forged, expired, malformed). */
  async verify(token: string | null): Promise<ActorV1> {
    if (!token) throw unauthorized();
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAtMs > Date.now()) return known.actor;
      this.verified.delete(token);
      throw unauthorized();
    }
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch {
      throw unauthorized();
    }
    const actor = validateContract(ActorV1, {
      accountId: claims.sub,
      role: claims.role,
      email: claims.email,
      name: claims.name,
      ...(claims.jurisdiction !== undefined ? { jurisdiction: claims.jurisdiction } : {}),
      ...(claims.area !== undefined ? { area: claims.area } : {}),
    });
    if (!actor.ok) throw unauthorized();
    this.remember(token, actor.value, Number(claims.exp) * 1000);
    return actor.value;
  }

  private remember(token: string, actor: ActorV1, expiresAtMs: number): void {
    if (this.verified.size >= VERIFIED_CAPACITY) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, { actor, expiresAtMs });
  }
}

function unauthorized(): ServiceError {
  return new ServiceError({ code: ErrorCode.Unauthorized });
}
