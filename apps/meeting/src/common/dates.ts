/** A timestamp as the contracts carry it: ISO 8601, or null when it has not happened. */
export const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);
