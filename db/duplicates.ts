// Inserts that may meet documents an earlier try already wrote: duplicates are the expected answer.

/** A bulk insert's failure that is nothing but duplicate keys (E11000). */
export function isOnlyDuplicateKeys(err: unknown): boolean {
  const writeErrors = (err as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
  if (Array.isArray(writeErrors) && writeErrors.length > 0) return writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
  return (err as { code?: number }).code === 11000;
}
