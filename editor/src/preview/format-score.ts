// How results are shown: scores exactly as the runtime rounded them (no re-rounding here), `—` when there is
// none; unit names shortened for chart axes and the ranking table.
export function showScore(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : String(value);
}

/** Unit names without what they all share (`国家税务总局…税务局` → `浙江省`), for axis labels and table rows. */
export function shortNames(names: string[]): string[] {
  if (names.length < 2) return names;
  const shortest = Math.min(...names.map((n) => n.length));
  let prefix = 0;
  while (prefix < shortest && names.every((n) => n[prefix] === names[0]![prefix])) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && names.every((n) => n[n.length - 1 - suffix] === names[0]![names[0]!.length - 1 - suffix])) suffix++;
  return names.map((n) => n.slice(prefix, n.length - suffix) || n);
}
