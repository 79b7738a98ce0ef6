import { QueryFailedError } from 'typeorm';

/** PostgreSQL error codes the services turn into client errors. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_SERIALIZATION_FAILURE = '40001';
export const PG_DEADLOCK_DETECTED = '40P01';
/** A statement stopped by `statement_timeout` (data-source.ts), or a lock wait that outlived it. */
export const PG_QUERY_CANCELED = '57014';

export function postgresErrorCode(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { code?: string }).code;
  return (error as { code?: string } | null)?.code;
}

export function postgresConstraint(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { constraint?: string }).constraint;
  return undefined;
}

export const isUniqueViolation = (error: unknown) => postgresErrorCode(error) === PG_UNIQUE_VIOLATION;

/** PostgreSQL rolled the transaction back because another ran at the same moment: sending it again is safe. */
export const isTransientConflict = (error: unknown) => {
  const code = postgresErrorCode(error);
  return code === PG_SERIALIZATION_FAILURE || code === PG_DEADLOCK_DETECTED;
};

/** PostgreSQL stopped a statement that ran too long, and with it the transaction: sending it again is safe. */
export const isStatementTimeout = (error: unknown) => postgresErrorCode(error) === PG_QUERY_CANCELED;
