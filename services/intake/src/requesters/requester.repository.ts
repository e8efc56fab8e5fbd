import { Injectable } from '@nestjs/common';
import type { RequesterV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { wordPrefixPattern, type KeysetPosition } from '@cau/persistence';

/** A digit-only term this long or longer also matches anywhere in the phone number's digits. */
const PHONE_DIGITS_MIN = 3;

interface RequesterRow {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  jurisdiction: string | null;
  sort_name: string;
}

export interface RequesterMatch {
  requester: RequesterV1;
  position: KeysetPosition;
}

/** The requester directory of the intake schema (rows written by registration). */
@Injectable()
export class RequesterRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /**
   * Requesters whose every term starts a word of their name, e-mail or phone (or, for digits, appears
   * in the phone number), ordered by name, after `after`. Each term is `[a-z0-9]+` (see searchTerms).
   */
  async search(terms: string[], after: KeysetPosition | null, limit: number): Promise<RequesterMatch[]> {
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = terms.map((term) => {
      const word = `search_text LIKE ${param(wordPrefixPattern(term))}`;
      return /^[0-9]+$/.test(term) && term.length >= PHONE_DIGITS_MIN
        ? `(${word} OR phone_digits LIKE ${param(`%${term}%`)})`
        : word;
    });
    if (after) where.push(`(sort_name, id) > (${param(after.sortKey)}, ${param(after.id)}::uuid)`);
    const rows: RequesterRow[] = await this.runtime.dataSource.query(
      `SELECT id, name, email, phone, jurisdiction, sort_name FROM "${this.s}".requesters
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY sort_name, id
       LIMIT ${param(limit)}`,
      params,
    );
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
    const rows: RequesterRow[] = await this.runtime.dataSource.query(
      `SELECT id, name, email, phone, jurisdiction, sort_name FROM "${this.s}".requesters WHERE id = $1`,
      [id],
    );
    const row = rows[0];
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
    const rows: RequesterRow[] = await this.runtime.dataSource.query(
      `SELECT id, name, email, phone, jurisdiction, sort_name FROM "${this.s}".requesters
       WHERE phone_digits <> '' AND (
         phone_digits = $1
         OR phone_digits = '00' || $1
         OR ($2 <> '' AND $2 || ltrim(phone_digits, '0') = $1))
       ORDER BY updated_at DESC, id
       LIMIT 1`,
      [phone, countryCode],
    );
    const row = rows[0];
    return row
      ? { id: row.id, name: row.name, email: row.email, phone: row.phone, jurisdiction: row.jurisdiction }
      : null;
  }
}
