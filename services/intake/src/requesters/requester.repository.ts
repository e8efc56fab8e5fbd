import { Injectable } from '@nestjs/common';
import { sql, type SqlBool } from 'kysely';
import type { RequesterV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { fetchFirst, fetchRows, wordPrefixPattern, type KeysetPosition } from '@cau/persistence';
import { intakeRows } from '../rows.js';

/** A digit-only term this long or longer also matches anywhere in the phone number's digits. */
const PHONE_DIGITS_MIN = 3;

const REQUESTER_COLUMNS = ['id', 'name', 'email', 'phone', 'jurisdiction', 'sort_name'] as const;

export interface RequesterMatch {
  requester: RequesterV1;
  position: KeysetPosition;
}

/** The requester directory of the intake schema (rows written by registration). */
@Injectable()
export class RequesterRepository {
  private readonly db = intakeRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  /**
   * Requesters whose every term starts a word of their name, e-mail or phone (or, for digits, appears
   * in the phone number), ordered by name, after `after`. Each term is `[a-z0-9]+` (see searchTerms).
   */
  async search(terms: string[], after: KeysetPosition | null, limit: number): Promise<RequesterMatch[]> {
    let query = this.db.selectFrom('requesters').select(REQUESTER_COLUMNS);
    for (const term of terms) {
      query = query.where((eb) => {
        const word = eb('search_text', 'like', wordPrefixPattern(term));
        return /^[0-9]+$/.test(term) && term.length >= PHONE_DIGITS_MIN
          ? eb.or([word, eb('phone_digits', 'like', `%${term}%`)])
          : word;
      });
    }
    if (after) query = query.where(sql<SqlBool>`(sort_name, id) > (${after.sortKey}, ${after.id}::uuid)`);
    const rows = await fetchRows(this.runtime.dataSource, query.orderBy('sort_name').orderBy('id').limit(limit));
    return rows.map((row) => ({
      requester: {
        id: row.id,
        name: row.name,
        email: row.email,
        phone: row.phone,
        jurisdiction: row.jurisdiction,
      },
      position: { sortKey: row.sort_name, id: row.id },
    }));
  }

  async find(id: string): Promise<RequesterV1 | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db.selectFrom('requesters').select(REQUESTER_COLUMNS).where('id', '=', id),
    );
    return row
      ? { id: row.id, name: row.name, email: row.email, phone: row.phone, jurisdiction: row.jurisdiction }
      : null;
  }

  /**
   * The requester whose phone is this WhatsApp number (E.164 digits): stored with its country code (any
   * punctuation, a leading `+` or `00`), or without it when `countryCode` is given (a leading trunk `0`
   * dropped). When several requesters share the number, the one updated last (their latest ticket) wins.
   */
  async findByPhone(phone: string, countryCode: string): Promise<RequesterV1 | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db
        .selectFrom('requesters')
        .select(REQUESTER_COLUMNS)
        .where('phone_digits', '<>', '')
        .where((eb) =>
          eb.or([
            eb('phone_digits', '=', phone),
            eb('phone_digits', '=', sql<string>`'00' || ${phone}::text`),
            sql<SqlBool>`(${countryCode}::text <> '' AND ${countryCode}::text || ltrim(phone_digits, '0') = ${phone})`,
          ]),
        )
        .orderBy('updated_at', 'desc')
        .orderBy('id')
        .limit(1),
    );
    return row
      ? { id: row.id, name: row.name, email: row.email, phone: row.phone, jurisdiction: row.jurisdiction }
      : null;
  }
}
