package dev.keypair.core;

import dev.keypair.core.internal.Wipe;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * Secret bytes (an Ed25519 seed, a derived key): kept in a private copy, never printed, compared only
 * in constant time, and wiped by {@link #destroy()}.
 *
 * <p>No {@code equals}/{@code hashCode} (they would leak timing and invite use as map keys); use
 * {@link #equalsConstantTime(SecretBytes)}. {@link #toString()} is {@code [redacted, N bytes]}. The
 * bytes themselves come out only through {@link #toByteArray(InsecureSecretAccess)}.
 */
public final class SecretBytes implements Destroyable {

  private final byte[] bytes;
  private volatile boolean destroyed;

  private SecretBytes(byte[] owned) {
    this.bytes = owned;
  }

  /** Takes ownership of {@code owned} (for keypair's codecs, through {@code CoreAccess}). */
  static SecretBytes wrap(byte[] owned) {
    return new SecretBytes(owned);
  }

  /** A copy of {@code bytes}; the caller may (and should) wipe its own array afterwards. */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(bytes.clone());
  }

  /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
  public static SecretBytes copyOf(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return new SecretBytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  public int length() {
    return bytes.length;
  }

  /** A copy of the secret bytes; the caller owns it and should wipe it. */
  public byte[] toByteArray(InsecureSecretAccess access) {
    InsecureSecretAccess.check(access);
    return array().clone();
  }

  /** Whether both hold the same bytes, in time that depends only on the lengths. */
  public boolean equalsConstantTime(SecretBytes other) {
    return MessageDigest.isEqual(array(), other.array());
  }

  /** The backing array, not a copy, for keypair's own code. */
  byte[] array() {
    if (destroyed) {
      throw new IllegalStateException("the secret was destroyed");
    }
    return bytes;
  }

  /** Overwrites the bytes with zeros; afterwards every use but {@link #length()} fails. */
  @Override
  public void destroy() {
    destroyed = true;
    Wipe.wipe("secret-bytes", bytes);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "[redacted, " + bytes.length + " bytes]";
  }
}
