import { Injectable } from '@nestjs/common';
import type { Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Language, Role } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { fetchFirst, fetchRows } from '@cau/persistence';
import { gatewayRows } from '../rows.js';
import type { Accounts } from '../rows.generated.js';

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

/** The account's columns, shared with the session repository, which reads an account with its session. */
export const ACCOUNT_COLUMNS = [
  'id',
  'email',
  'name',
  'password_hash',
  'role',
  'jurisdiction',
  'area',
  'active',
  'created_at',
  'language',
] as const;

export type AccountRow = Pick<Selectable<Accounts>, (typeof ACCOUNT_COLUMNS)[number]>;

/** Accounts of the gateway schema. E-mails are stored lower-case (the table checks it). */
@Injectable()
export class AccountRepository {
  private readonly db = gatewayRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  /** Returns null when an account with that e-mail already exists. */
  async insert(account: NewAccount, tx?: EntityManager): Promise<Account | null> {
    const row = await fetchFirst(
      tx ?? this.runtime.dataSource,
      this.db
        .insertInto('accounts')
        .values({
          id: account.id,
          email: account.email,
          name: account.name,
          password_hash: account.passwordHash,
          role: account.role,
          jurisdiction: account.jurisdiction,
          area: account.area,
        })
        .onConflict((conflict) => conflict.column('email').doNothing())
        .returning(ACCOUNT_COLUMNS),
    );
    return row ? toAccount(row) : null;
  }

  async findByEmail(email: string): Promise<Account | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db.selectFrom('accounts').select(ACCOUNT_COLUMNS).where('email', '=', email),
    );
    return row ? toAccount(row) : null;
  }

  /** Returns null when there is no such account. */
  async updateAccess(id: string, access: AccountAccess, tx?: EntityManager): Promise<Account | null> {
    const row = await fetchFirst(
      tx ?? this.runtime.dataSource,
      this.db
        .updateTable('accounts')
        .set({ active: access.active, role: access.role, jurisdiction: access.jurisdiction, area: access.area })
        .where('id', '=', id)
        .returning(ACCOUNT_COLUMNS),
    );
    return row ? toAccount(row) : null;
  }

  /** Returns false when there is no such account. */
  async updatePasswordHash(id: string, passwordHash: string, tx?: EntityManager): Promise<boolean> {
    const rows = await fetchRows(
      tx ?? this.runtime.dataSource,
      this.db.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', id).returning('id'),
    );
    return rows.length > 0;
  }

  /** Returns null when there is no such account. */
  async updateLanguage(id: string, language: Language): Promise<Account | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db.updateTable('accounts').set({ language }).where('id', '=', id).returning(ACCOUNT_COLUMNS),
    );
    return row ? toAccount(row) : null;
  }

  /** `lock` (inside `tx`) holds the row until the transaction ends. */
  async findById(id: string, tx?: EntityManager, options: { lock?: boolean } = {}): Promise<Account | null> {
    const row = await fetchFirst(
      tx ?? this.runtime.dataSource,
      this.db
        .selectFrom('accounts')
        .select(ACCOUNT_COLUMNS)
        .where('id', '=', id)
        .$if(options.lock === true, (query) => query.forUpdate()),
    );
    return row ? toAccount(row) : null;
  }
}

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
