import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Language, Role } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

export interface Account {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  jurisdiction: string | null;
  area: string | null;
  active: boolean;
  createdAt: Date;
  /** The portal language the person chose; null until they do. */
  language: Language | null;
}

export type NewAccount = Omit<Account, 'active' | 'createdAt' | 'language'>;

/** What an administrator may change in an account. */
export type AccountAccess = Pick<Account, 'active' | 'role' | 'jurisdiction' | 'area'>;

interface AccountRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  jurisdiction: string | null;
  area: string | null;
  active: boolean;
  created_at: Date;
  language: Language | null;
}

const COLUMNS = 'id, email, name, password_hash, role, jurisdiction, area, active, created_at, language';

/** Accounts of the gateway schema. E-mails are stored lower-case (the table checks it). */
@Injectable()
export class AccountRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Returns null when an account with that e-mail already exists. */
  async insert(account: NewAccount, tx?: EntityManager): Promise<Account | null> {
    const rows: AccountRow[] = await (tx ?? this.runtime.dataSource).query(
      `INSERT INTO "${this.s}".accounts (id, email, name, password_hash, role, jurisdiction, area)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (email) DO NOTHING
       RETURNING ${COLUMNS}`,
      [account.id, account.email, account.name, account.passwordHash, account.role, account.jurisdiction, account.area],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async findByEmail(email: string): Promise<Account | null> {
    const rows: AccountRow[] = await this.runtime.dataSource.query(
      `SELECT ${COLUMNS} FROM "${this.s}".accounts WHERE email = $1`,
      [email],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  /** Returns null when there is no such account. */
  async updateAccess(id: string, access: AccountAccess, tx?: EntityManager): Promise<Account | null> {
    const rows: AccountRow[] = await (tx ?? this.runtime.dataSource).query(
      // Wrapped in a SELECT because TypeORM reshapes the result of a bare UPDATE … RETURNING.
      `WITH updated AS (
         UPDATE "${this.s}".accounts SET active = $2, role = $3, jurisdiction = $4, area = $5
         WHERE id = $1
         RETURNING ${COLUMNS}
       ) SELECT ${COLUMNS} FROM updated`,
      [id, access.active, access.role, access.jurisdiction, access.area],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  /** Returns false when there is no such account. */
  async updatePasswordHash(id: string, passwordHash: string, tx?: EntityManager): Promise<boolean> {
    const rows: Array<{ id: string }> = await (tx ?? this.runtime.dataSource).query(
      `WITH updated AS (
         UPDATE "${this.s}".accounts SET password_hash = $2 WHERE id = $1 RETURNING id
       ) SELECT id FROM updated`,
      [id, passwordHash],
    );
    return rows.length > 0;
  }

  /** Returns null when there is no such account. */
  async updateLanguage(id: string, language: Language): Promise<Account | null> {
    const rows: AccountRow[] = await this.runtime.dataSource.query(
      `WITH updated AS (
         UPDATE "${this.s}".accounts SET language = $2 WHERE id = $1 RETURNING ${COLUMNS}
       ) SELECT ${COLUMNS} FROM updated`,
      [id, language],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  /** `lock` (inside `tx`) holds the row until the transaction ends. */
  async findById(id: string, tx?: EntityManager, options: { lock?: boolean } = {}): Promise<Account | null> {
    const rows: AccountRow[] = await (tx ?? this.runtime.dataSource).query(
      `SELECT ${COLUMNS} FROM "${this.s}".accounts WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }
}

/** Shared with the session repository, which reads an account together with its session. */
export const ACCOUNT_COLUMNS = COLUMNS;
export type { AccountRow };

/** An account as the audit log keeps it: never the password hash. */
export function auditedAccount(account: Account): Record<string, unknown> {
  return {
    email: account.email,
    name: account.name,
    role: account.role,
    area: account.area,
    jurisdiction: account.jurisdiction,
    active: account.active,
  };
}

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    role: row.role,
    jurisdiction: row.jurisdiction,
    area: row.area,
    active: row.active,
    createdAt: row.created_at,
    language: row.language,
  };
}
