/** Small readers for environment variables; each records a problem instead of throwing, so all are reported at once. */
export type Env = Readonly<Record<string, string | undefined>>;

export class EnvReader {
  readonly problems: string[] = [];
  /** Every variable name this reader was asked for, so the documented list can be checked against the code. */
  readonly names = new Set<string>();

  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    this.names.add(name);
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      this.problems.push(`${name}="${value}": expected an integer from ${min} to ${max}`);
      return fallback;
    }
    return n;
  }

  /** A decimal number (e.g. 2.5) from min to max. */
  decimal(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^-?\d+(\.\d+)?$/.test(value) || n < min || n > max) {
      this.problems.push(`${name}="${value}": expected a number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  }

  /** A comma-separated list (blanks around items ignored); empty when unset. Every item must match `pattern`. */
  list(name: string, pattern: RegExp, expected: string): string[] {
    const value = this.raw(name);
    if (value === undefined || value.trim() === '') return [];
    const items = value.split(',').map((item) => item.trim());
    if (!items.every((item) => pattern.test(item))) {
      this.problems.push(`${name}="${value}": expected ${expected}`);
      return [];
    }
    return items;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name}="${this.raw(name)}": expected true or false`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name}="${value}": expected one of ${allowed.join(', ')}`);
      return fallback;
    }
    return value as T;
  }

  url(name: string, protocols: readonly string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      this.problems.push(`${name}: expected a URL like ${protocols[0]}//host:port, got "${redact(value)}"`);
      return undefined;
    }
    if (!protocols.includes(parsed.protocol)) {
      this.problems.push(
        `${name}: expected a URL with scheme ${protocols.join(' or ')}, got "${parsed.protocol}"`,
      );
      return undefined;
    }
    return value;
  }
}

/**
 * Hides the password of a URL, or of every URL in a message, before it is shown in an error or log (also
 * `redis://:password@host`). The password runs to the last "@" of its line, not the first: a raw "@" is
 * valid in a URL's password (`postgres://u:p@ss@host` connects), and in a value that does not parse it may
 * also hold "/", "?", "#" or spaces. Hiding a little more than the password is the safe side.
 */
export function redact(text: string): string {
  return text.replace(/\/\/([^\s:/@]*):[^\n]*@/g, '//$1:***@');
}
