// JSON with object keys sorted, two-space indents and a trailing newline: the same value always gives the same bytes.

export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

/** A copy of `value` whose objects have their keys in sorted order: what stableJson serializes. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    // A key named `__proto__` is kept as data in a null-prototype object; any other object is an ordinary one,
    // which JSON.stringify reads faster (a null-prototype object is a hash table in V8).
    const sorted: Record<string, unknown> = keys.includes('__proto__') ? Object.create(null) : {};
    for (const key of keys) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * The bytes of `JSON.stringify(v, null, 2)` made from those of `JSON.stringify(v)` (UTF-8), given to `sink` in
 * pieces: the indented form with no second serialization and no second string to encode. Compact JSON has no
 * white space outside strings, so the indentation goes after each opening bracket and comma and before each
 * closing bracket that is not of an empty object or array, and a space after each colon.
 */
export function indentJsonBytes(compact: Uint8Array, sink: (piece: Uint8Array) => void, chunkBytes = 1 << 16): void {
  let out = new Uint8Array(chunkBytes);
  let at = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < compact.length; i++) {
    // Room for what one byte can become: a newline, the indentation of the level below, the byte and a space.
    if (at + 2 * depth + 5 > out.length) {
      sink(out.subarray(0, at));
      out = new Uint8Array(Math.max(chunkBytes, 2 * depth + 5));
      at = 0;
    }
    const c = compact[i]!;
    if (inString) {
      out[at++] = c;
      if (escaped) escaped = false;
      else if (c === BACKSLASH) escaped = true;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      out[at++] = NEWLINE;
      out.fill(SPACE, at, (at += 2 * depth));
      out[at++] = c;
      continue;
    }
    out[at++] = c;
    if (c === QUOTE) inString = true;
    else if (c === COLON) out[at++] = SPACE;
    else if (c === COMMA || c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (c !== COMMA && compact[i + 1] === (c === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY)) {
        out[at++] = compact[++i]!; // {} and [] stay as they are
        continue;
      }
      if (c !== COMMA) depth++;
      out[at++] = NEWLINE;
      out.fill(SPACE, at, (at += 2 * depth));
    }
  }
  if (at > 0) sink(out.subarray(0, at));
}
