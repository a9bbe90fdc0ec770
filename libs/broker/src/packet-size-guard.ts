/**
 * Follows the MQTT packet boundaries of a byte stream (fixed header: a type byte and a 1-4 byte
 * remaining length) and refuses a packet announcing more than maxBytes as soon as its header is read,
 * so none of its body needs to be held.
 */
export class PacketSizeGuard {
  /** Body bytes of the current packet still to come. */
  private remaining = 0;
  /** Header bytes read of the next packet (0: at a packet start). */
  private headerBytes = 0;
  private length = 0;
  private multiplier = 1;

  constructor(private readonly maxBytes: number) {}

  /** False once a packet announces more than maxBytes, or its length field is malformed. */
  accepts(chunk: Buffer): boolean {
    let i = 0;
    while (i < chunk.length) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - i);
        this.remaining -= n;
        i += n;
        continue;
      }
      if (this.headerBytes === 0) {
        this.headerBytes = 1;
        this.length = 0;
        this.multiplier = 1;
        i++;
        continue;
      }
      const byte = chunk[i++];
      this.length += (byte & 0x7f) * this.multiplier;
      this.multiplier *= 128;
      this.headerBytes++;
      if (byte & 0x80) {
        if (this.headerBytes >= 5) return false; // a fifth length byte: not MQTT
        continue;
      }
      if (this.length + this.headerBytes > this.maxBytes) return false;
      this.remaining = this.length;
      this.headerBytes = 0;
    }
    return true;
  }
}
