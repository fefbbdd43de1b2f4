/** A path below `/api/:workspace`. */
export const p = (s: string) => `/:workspace${s}`;
