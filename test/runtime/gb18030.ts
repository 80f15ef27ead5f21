// GB18030 text for tests of the readers that decode it.

/** GB18030 bytes of a string (TextEncoder only writes UTF-8): built from a decode table of the characters used. */
export function gb18030(s: string): Uint8Array {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else out.push(...table.get(ch)!);
  }
  return new Uint8Array(out);
}
