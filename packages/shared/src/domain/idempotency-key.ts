import { createHash } from 'node:crypto';
import { Arg } from 'type-graphql';
import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../database/postgres-errors';
import { conflict } from '../errors/errors';
import { validateInput } from '../errors/validate-input';

/** A client's key for one write, so that its retry after an unknown outcome makes nothing twice. */
export const idempotencyKeySchema = z
  .string()
  .trim()
  .min(8, 'must be at least 8 characters (a UUID is a good key)')
  .max(128, 'must be at most 128 characters')
  .regex(/^[\w.:-]+$/, 'may hold only letters, digits and . _ : -');

/** The `idempotencyKey` argument's description, for a create of `what` ("case", "entry"). */
export const idempotencyKeyDescription = (what: string) =>
  `Your own key for this ${what} (a UUID is a good one): sent again with the same input, for example after a timeout whose outcome is UNKNOWN, it answers with the ${what} already made instead of making a second one; with another input, CONFLICT.`;

/** The optional `idempotencyKey` argument of a create of `what`, as every keyed create declares it. */
export const IdempotencyKeyArg = (what: string) =>
  Arg('idempotencyKey', () => String, { nullable: true, description: idempotencyKeyDescription(what) });

/**
 * What a retry is recognised by: the request as the write reads it, not as it was spelled. A field left out, the
 * same field sent as null and a blank text all mean "none" to a create, and every text is trimmed before it is
 * kept, so a client library that resends `pepGiven: null` where it left it out, or a note without its trailing
 * space, is recognised as the same request rather than refused as another one under a used key. Lists keep their
 * order.
 */
export function requestDigest(request: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(asWritten(request)))
    .digest('hex');
}

function asWritten(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (Array.isArray(value)) return value.map(asWritten);
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== 'object') return value ?? undefined;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, asWritten((value as Record<string, unknown>)[key])] as const)
      .filter(([, written]) => written !== undefined),
  );
}

/**
 * Whether a kept digest is this request's. Also in the reading kept before requestDigest read the request as
 * written (the request as sent, keys in schema order): a retry of a write made before that change, its answer
 * lost, is still recognised during and after the deployment that brings it.
 */
export function isDigestOf(kept: string, request: unknown): boolean {
  return kept === requestDigest(request) || kept === createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * A write that may take an idempotency key. With one, an earlier write of the same request under it (`find`,
 * which says CONFLICT itself when the key was used for another request) answers before anything is checked
 * again; and when two retries race, the key's unique index lets one `write`, and the other answers with what it
 * wrote. Without one, it just writes.
 */
export async function writeOnce<T>(
  key: string | null | undefined,
  request: unknown,
  find: (key: string) => Promise<T | null>,
  write: (digest: string | null) => Promise<T>,
): Promise<T> {
  if (!key) return write(null);
  const earlier = await find(key);
  if (earlier) return earlier;
  try {
    return await write(requestDigest(request));
  } catch (error) {
    const winner = isUniqueViolation(error) ? await find(key) : null;
    if (winner) return winner;
    throw error;
  }
}

/** A retry whose first answer was lost, of a write whose record has since been erased: nothing is written again. */
export function erasedSinceConflict(): Error {
  return conflict(
    "What this idempotency key made has since been erased at the child's request: nothing was written again. Use a new key for a new record",
    { erased: true },
  );
}

/** Where a table keeps the key its writes were made with: who wrote (`byColumn`), the key and the digest. */
export interface KeyedTable {
  /** Schema-qualified and quoted, e.g. `directory.agency`. */
  table: string;
  /** The column naming who wrote the row (a token subject), e.g. `created_by`. */
  byColumn: string;
  /** CONFLICT's message when the key was used for another request: "…; use a new key for a new agency". */
  reusedKeyMessage: string;
}

/**
 * The id of the row `by` wrote under `key`, for `writeOnce`'s lookup: null when there is none, CONFLICT when the
 * key was used for a different request (the client's bug, said plainly).
 */
export async function idWrittenWithKey(
  db: Pick<DataSource, 'query'>,
  keyed: KeyedTable,
  by: string,
  key: string,
  request: unknown,
): Promise<string | null> {
  const [row] = (await db.query(`SELECT id, request_digest FROM ${keyed.table} WHERE ${keyed.byColumn} = $1 AND idempotency_key = $2`, [
    by,
    key,
  ])) as Array<{ id: string; request_digest: string }>;
  if (!row) return null;
  // Erasure empties the digest with the rest of what the request said: a retry learns that, not that its key
  // was used for something else.
  if (row.request_digest === null) throw erasedSinceConflict();
  if (!isDigestOf(row.request_digest, request)) throw conflict(keyed.reusedKeyMessage);
  return row.id;
}

/**
 * `writeOnce` for a table that keeps its writers' keys as `keyed` says: the key checked, a write `by` already made
 * under it found and loaded (`load`), else `write` given the key and the digest to keep with the new row.
 */
export async function writeOnceKeyed<T>(
  db: Pick<DataSource, 'query'>,
  keyed: KeyedTable,
  by: string,
  rawKey: string | null | undefined,
  request: unknown,
  load: (id: string) => Promise<T>,
  write: (key: string | null, digest: string | null) => Promise<T>,
): Promise<T> {
  const key = rawKey === null || rawKey === undefined ? null : validateInput(idempotencyKeySchema, rawKey, 'idempotencyKey');
  return writeOnce(
    key,
    request,
    async (usedKey) => {
      const id = await idWrittenWithKey(db, keyed, by, usedKey, request);
      return id ? load(id) : null;
    },
    (digest) => write(key, digest),
  );
}
