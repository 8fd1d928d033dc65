package dev.keypair.core.internal;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads RFC 4251 section 5 data types from a byte array, checking every length against what is left
 * before it allocates anything.
 *
 * <p>Failures are {@link KeyPairException} with {@link ErrorCode#FORMAT} naming the structure, the
 * field and the offset: never the bytes themselves.
 */
public final class SshWireReader {

  private final byte[] buf;
  private final int start;
  private final int end;
  private final String structure;
  private int pos;

  /**
   * @param structure what is being read, for error messages ("public key blob")
   */
  public SshWireReader(byte[] buf, int offset, int length, String structure) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + buf.length);
    }
    this.buf = buf;
    this.start = offset;
    this.end = offset + length;
    this.pos = offset;
    this.structure = structure;
  }

  public SshWireReader(byte[] buf, String structure) {
    this(buf, 0, buf.length, structure);
  }

  /** Bytes not yet read. */
  public int remaining() {
    return end - pos;
  }

  /** Offset of the next byte, relative to the start of this reader. */
  public int offset() {
    return pos - start;
  }

  public boolean hasRemaining() {
    return pos < end;
  }

  public KeyPairException error(String message) {
    return new KeyPairException(ErrorCode.FORMAT, structure + ": " + message);
  }

  private KeyPairException truncated(String field, long need) {
    return error("field '" + field + "' at offset " + offset() + " needs " + need + " bytes but only "
        + remaining() + " are left");
  }

  public int readByte(String field) {
    if (pos >= end) {
      throw truncated(field, 1);
    }
    return buf[pos++] & 0xff;
  }

  public boolean readBoolean(String field) {
    int b = readByte(field);
    if (b > 1) {
      throw error("field '" + field + "' at offset " + (offset() - 1) + " is not a boolean (0 or 1)");
    }
    return b == 1;
  }

  /** An unsigned 32-bit integer, as a long. */
  public long readUint32(String field) {
    if (end - pos < 4) {
      throw truncated(field, 4);
    }
    long v = ((buf[pos] & 0xffL) << 24) | ((buf[pos + 1] & 0xffL) << 16) | ((buf[pos + 2] & 0xffL) << 8)
        | (buf[pos + 3] & 0xffL);
    pos += 4;
    return v;
  }

  /** An unsigned 64-bit integer, in a long's bits. */
  public long readUint64(String field) {
    if (end - pos < 8) {
      throw truncated(field, 8);
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos + i] & 0xffL);
    }
    pos += 8;
    return v;
  }

  /**
   * Reads a string's length prefix and checks it against what is left and against {@code max}; the
   * reader is then positioned at the string's first byte.
   */
  public int readLength(String field, int max) {
    int at = offset();
    long len = readUint32(field);
    if (len > remaining()) {
      pos -= 4;
      throw error("field '" + field + "' at offset " + at + " declares " + len + " bytes but only "
          + (remaining() - 4) + " are left");
    }
    if (len > max) {
      pos -= 4;
      throw error("field '" + field + "' at offset " + at + " is " + len + " bytes, over its limit of " + max);
    }
    return (int) len;
  }

  /** A string's bytes, copied. */
  public byte[] readString(String field) {
    return readString(field, Integer.MAX_VALUE);
  }

  /** A string's bytes, copied; at most {@code max} bytes. */
  public byte[] readString(String field, int max) {
    int len = readLength(field, max);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
    pos += len;
    return out;
  }

  /** A string holding nested data, as a reader over it without a copy. */
  public SshWireReader readNested(String field, String nestedStructure) {
    int len = readLength(field, Integer.MAX_VALUE);
    SshWireReader r = new SshWireReader(buf, pos, len, nestedStructure);
    pos += len;
    return r;
  }

  /** Skips a string, returning its offset (relative to the underlying array) and length. */
  public long skipString(String field) {
    int len = readLength(field, Integer.MAX_VALUE);
    int at = pos;
    pos += len;
    return ((long) at << 32) | len;
  }

  /**
   * A non-empty string of printable US-ASCII without spaces (a key type name, a curve name, a cipher
   * name); at most {@code max} bytes.
   */
  public String readName(String field, int max) {
    int at = offset();
    int len = readLength(field, max);
    if (len == 0) {
      throw error("field '" + field + "' at offset " + at + " is empty");
    }
    for (int i = pos; i < pos + len; i++) {
      int c = buf[i] & 0xff;
      if (c <= 0x20 || c >= 0x7f) {
        throw error("field '" + field + "' at offset " + at + " is not a printable ASCII name");
      }
    }
    String s = new String(buf, pos, len, StandardCharsets.US_ASCII);
    pos += len;
    return s;
  }

  /** A string decoded as UTF-8 (malformed sequences replaced). */
  public String readUtf8(String field) {
    int len = readLength(field, Integer.MAX_VALUE);
    String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  /**
   * A non-negative mpint in its minimal two's complement form (RFC 4251 section 5): no unneeded
   * leading zero byte, no sign bit set, zero as the empty string. More than {@code maxBits} bits is
   * {@link ErrorCode#KEY_TOO_LARGE} (the key is well formed but over the limits), checked on the
   * declared length before any number is built.
   */
  public BigInteger readMpint(String field, int maxBits) {
    long at = readMpintMagnitude(field, maxBits);
    int len = (int) at;
    return len == 0 ? BigInteger.ZERO : new BigInteger(1, buf, (int) (at >>> 32), len);
  }

  /**
   * An mpint as {@link #readMpint} reads and checks it, without making a number: its magnitude's
   * offset in the underlying array (upper 32 bits) and length (lower 32; 0 for zero). The magnitude
   * may start with the one zero byte that keeps its sign bit clear.
   */
  public long readMpintMagnitude(String field, int maxBits) {
    int at = offset();
    int len = readLength(field, Integer.MAX_VALUE);
    if (len > maxBits / 8 + 1) {
      pos -= 4;
      throw tooLarge(field, at, "is " + len + " bytes long", maxBits);
    }
    if (len == 0) {
      return (long) pos << 32;
    }
    byte first = buf[pos];
    if (first < 0) {
      throw error("mpint '" + field + "' at offset " + at + " is negative");
    }
    if (first == 0 && (len == 1 || buf[pos + 1] >= 0)) {
      throw error("mpint '" + field + "' at offset " + at + " has an unneeded leading zero byte");
    }
    int top = first == 0 ? pos + 1 : pos; // the first non-zero byte
    int bits = (pos + len - top - 1) * 8 + 32 - Integer.numberOfLeadingZeros(buf[top] & 0xff);
    if (bits > maxBits) {
      throw tooLarge(field, at, "has " + bits + " bits", maxBits);
    }
    long magnitude = (long) pos << 32 | len;
    pos += len;
    return magnitude;
  }

  private KeyPairException tooLarge(String field, int at, String size, int maxBits) {
    return new KeyPairException(ErrorCode.KEY_TOO_LARGE,
        structure + ": mpint '" + field + "' at offset " + at + " " + size + ", over the limit of " + maxBits + " bits");
  }

  /** Fails unless every byte has been read. */
  public void requireEnd() {
    if (pos != end) {
      throw error(remaining() + " unexpected trailing bytes at offset " + offset());
    }
  }
}
