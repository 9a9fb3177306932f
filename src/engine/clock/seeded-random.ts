/**
 * Deterministic pseudo-random numbers for the host side of the simulator (request ids, log stream
 * names). Same seed, same sequence, on every machine.
 */

/** A seeded generator of 32-bit values, UUIDs and hex strings. */
export interface SeededRandom {
  /** Next unsigned 32-bit integer. */
  nextUint32: () => number;
  /** A UUID v4-shaped id (version and variant bits set), lower-case. */
  uuid: () => string;
  /** `count` lower-case hex digits. */
  hex: (count: number) => string;
}

/** Create a generator from a 32-bit seed (SplitMix32-style mixing; not cryptographic). */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const nextUint32 = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const hex = (count: number): string => {
    let out = '';
    while (out.length < count) out += nextUint32().toString(16).padStart(8, '0');
    return out.slice(0, count);
  };
  const uuid = (): string => {
    const h = hex(32).split('');
    h[12] = '4';
    h[16] = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  return { nextUint32, uuid, hex };
}
