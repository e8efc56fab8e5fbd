/** Field size limits, shared by the gateway's validation and the services' own re-validation. */
export const Limits = {
  title: 200,
  description: 10_000,
  name: 200,
  email: 254,
  phone: 40,
  category: 100,
  jurisdictionCode: 64,
  attachments: 20,
  /** Pieces of equipment a requester names when reporting a problem (their "mi equipo"). */
  reportedEquipment: 20,
  url: 2_000,
  idempotencyKey: 200,
  searchText: 200,
  pageSize: 100,
  /** A ticket list's opaque keyset cursor (ours are under 100 characters). */
  listCursor: 200,
  reason: 2_000,
  note: 5_000,
  articleRef: 200,
} as const;
