package dev.keypair.core;

import java.util.Arrays;
import java.util.function.Supplier;

/** Holds the blob and gives every key class equality by blob. */
abstract class AbstractKeyData {

  /** The blob; owned, never modified. */
  final byte[] blob;
  private final Bytes blobBytes;
  /**
   * The SHA-256 of the blob once asked for (the digest of the OpenSSH fingerprint): a key read again from a
   * file that repeats it is the same object ({@link ValidatedKeyCache}), so it is hashed once. Set with a
   * value that depends on the blob alone (threads that race set equal values); {@code Bytes} holds its
   * array in a final field, so a thread that sees the reference sees the bytes (as {@code String} caches
   * its hash).
   */
  private Bytes sha256;

  AbstractKeyData(byte[] ownedBlob) {
    this.blob = ownedBlob;
    this.blobBytes = Bytes.wrap(ownedBlob);
  }

  public final Bytes blob() {
    return blobBytes;
  }

  /** The SHA-256 of the blob, computed by {@code digest} the first time. */
  final Bytes sha256(Supplier<Bytes> digest) {
    Bytes d = sha256;
    if (d == null) {
      d = digest.get();
      sha256 = d;
    }
    return d;
  }

  public abstract String label();

  public abstract int bits();

  @Override
  public final boolean equals(Object o) {
    return o instanceof AbstractKeyData other && Arrays.equals(blob, other.blob);
  }

  @Override
  public final int hashCode() {
    return blobBytes.hashCode();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + label() + " " + bits() + "]";
  }
}
