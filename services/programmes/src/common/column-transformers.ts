import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL returns bigint as text; shillings stay far below 2^53, so they are safe as numbers. A value
 * beyond that is refused rather than rounded.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null || value === undefined) return null;
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw new Error('bigint column holds a value beyond 2^53');
    return parsed;
  },
};
