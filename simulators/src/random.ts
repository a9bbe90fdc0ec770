/**
 * Seeded, counter-based randomness. Nothing here keeps state between calls except `mulberry32`:
 * a random number is a hash of (seed, stream, index), so the value at a given simulated time can be
 * computed directly, in any order, and is the same on every run. Never Math.random.
 */

// Math is aliased at module scope: in a vm context (jest) every global lookup is slow in hot code.
const { PI, cos, floor, imul, log, sqrt } = Math;

const TWO_POW_32 = 2 ** 32;

/** FNV-1a over the UTF-16 code units of `text`: turns a label (station code, stream name) into 32 bits. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Everything below stays in int32 (`| 0`) so V8 keeps these hot functions on small integers.
function mixWord(h: number, word: number): number {
  let k = imul(word | 0, 0xcc9e2d51 | 0);
  k = (k << 15) | (k >>> 17);
  k = imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (imul(h, 5) + (0xe6546b64 | 0)) | 0;
}

/** MurmurHash3-style combination of integers (each up to 53 bits, negatives allowed) into a uint32. */
export function hashInts(...parts: readonly number[]): number {
  let h = 0x9747b28c | 0;
  for (const part of parts) {
    h = mixWord(h, part | 0); // low 32 bits
    h = mixWord(h, floor(part / TWO_POW_32) | 0); // high bits
  }
  h ^= parts.length;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b | 0);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35 | 0);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) determined by the integers given. */
export function unitHash(...parts: readonly number[]): number {
  return hashInts(...parts) / TWO_POW_32;
}

/** A standard normal number determined by the integers given (Box-Muller over two hashes). */
export function normalHash(...parts: readonly number[]): number {
  const u1 = 1 - unitHash(...parts, 1); // (0, 1]: log stays finite
  const u2 = unitHash(...parts, 2);
  return sqrt(-2 * log(u1)) * cos(2 * PI * u2);
}

/** A sequential PRNG (mulberry32) for drawing a station's fixed traits once. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = imul(a ^ (a >>> 15), 1 | a);
    t = (t + imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  };
}

/** One octave of smooth noise: random knots every `periodMs`, cosine-interpolated between. */
export interface NoiseOctave {
  readonly periodMs: number;
  readonly amplitude: number;
}

/**
 * Smooth (continuous) noise at time `timeMs`: a sum of octaves, each in [-amplitude, +amplitude].
 * `key` names the stream; the same key and time always give the same value.
 */
export function smoothNoise(key: number, timeMs: number, octaves: readonly NoiseOctave[]): number {
  let sum = 0;
  octaves.forEach((octave, index) => {
    const knot = floor(timeMs / octave.periodMs);
    const fraction = (timeMs - knot * octave.periodMs) / octave.periodMs;
    const a = 2 * unitHash(key, index, knot) - 1;
    const b = 2 * unitHash(key, index, knot + 1) - 1;
    const s = (1 - cos(PI * fraction)) / 2;
    sum += octave.amplitude * (a + (b - a) * s);
  });
  return sum;
}

/** Linear map of a unit number onto [min, max]. */
export function between(unit: number, min: number, max: number): number {
  return min + (max - min) * unit;
}

/** A shuffled copy (Fisher-Yates) drawn from a sequential PRNG such as mulberry32. */
export function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
