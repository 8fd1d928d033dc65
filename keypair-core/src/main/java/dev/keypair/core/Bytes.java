package dev.keypair.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable sequence of bytes of public data (a key blob, a digest, a comment).
 *
 * <p>Equality is by content. The array is copied in and out, so nobody can change a {@code Bytes}
 * after the fact; {@link #writeTo(MessageDigest)} and {@link #asReadOnlyBuffer()} read it without a
 * copy. Not for secrets: those are {@code SecretBytes}, which cannot be compared with {@code equals}.
 */
public final class Bytes implements Comparable<Bytes> {

  private static final Bytes EMPTY = new Bytes(new byte[0]);
  private static final HexFormat HEX = HexFormat.of();

  static {
    dev.keypair.core.internal.CoreAccess.setAccessor(new CoreAccessor());
  }

  private final byte[] bytes;
  private int hash; // 0 = not yet computed (like String)

  private Bytes(byte[] owned) {
    this.bytes = owned;
  }

  /** A copy of {@code bytes}. */
  public static Bytes of(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
  public static Bytes of(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** The empty sequence. */
  public static Bytes empty() {
    return EMPTY;
  }

  /** Lowercase or uppercase hexadecimal, no separators. */
  public static Bytes fromHex(String hex) {
    return wrap(HEX.parseHex(hex));
  }

  /**
   * Takes ownership of {@code owned} without a copy. For keypair's own code, which never touches
   * the array afterwards; not part of the public API.
   */
  static Bytes wrap(byte[] owned) {
    return owned.length == 0 ? EMPTY : new Bytes(owned);
  }

  public int length() {
    return bytes.length;
  }

  public boolean isEmpty() {
    return bytes.length == 0;
  }

  public byte byteAt(int index) {
    return bytes[index];
  }

  /** A fresh copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** A read-only view, without a copy. */
  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  /** Feeds the bytes to a digest without copying them. */
  public void writeTo(MessageDigest digest) {
    digest.update(bytes);
  }

  /** Writes the bytes to a stream without copying them. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes);
  }

  /** Lowercase hexadecimal without separators. */
  public String toHex() {
    return HEX.formatHex(bytes);
  }

  /** Standard base64 with padding (RFC 4648 section 4). */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Whether the sequence starts with {@code prefix}. */
  public boolean startsWith(byte[] prefix) {
    return prefix.length <= bytes.length
        && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(bytes);
      hash = h;
    }
    return h;
  }

  /** Unsigned lexicographic order. */
  @Override
  public int compareTo(Bytes o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  /** Hexadecimal, shortened past 32 bytes. */
  @Override
  public String toString() {
    if (bytes.length <= 32) {
      return "Bytes[" + toHex() + "]";
    }
    return "Bytes[" + HEX.formatHex(bytes, 0, 16) + "..., " + bytes.length + " bytes]";
  }

  /** The backing array, not a copy: never modified by its users. */
  byte[] array() {
    return bytes;
  }
}
