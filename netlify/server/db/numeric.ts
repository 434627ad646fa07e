/** A numeric column as a number (postgres.js and PGlite hand `numeric` over as strings); null stays null. */
export const numberOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
