/**
 * UTF-8 encoding without host APIs: the engine has no TextEncoder, Buffer or btoa (its tsconfig has
 * neither DOM nor Node types). Lone surrogates encode as U+FFFD, as TextEncoder does.
 */

const REPLACEMENT = 0xfffd;

/** The code points of `text`, with lone surrogates replaced by U+FFFD. */
function* codePoints(text: string): Generator<number> {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        yield 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
        continue;
      }
      yield REPLACEMENT;
    } else if (code >= 0xdc00 && code <= 0xdfff) yield REPLACEMENT;
    else yield code;
  }
}

/** Number of bytes `text` takes when encoded as UTF-8. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const c of codePoints(text)) bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  return bytes;
}

/** The UTF-8 bytes of `text`. */
export function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  for (const c of codePoints(text)) {
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}
