// How scores are shown: exactly as the runtime rounded them (no re-rounding here), `—` when there is none.
export function showScore(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : String(value);
}
