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

/** Issues and verifies the gateway's access tokens (JWT, HS256). */
@Injectable()
export class TokenService {
  /** Imported once: given raw bytes, jose would import the key through WebCrypto on every request. */
  private readonly key: KeyObject;

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
    return actor.value;
  }
}

function unauthorized(): ServiceError {
  return new ServiceError({ code: ErrorCode.Unauthorized });
}
