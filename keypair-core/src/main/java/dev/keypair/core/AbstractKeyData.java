package dev.keypair.core;

import java.util.Arrays;

/** Holds the blob and gives every key class equality by blob. */
abstract class AbstractKeyData {

  /** The blob; owned, never modified. */
  final byte[] blob;
  private final Bytes blobBytes;

  AbstractKeyData(byte[] ownedBlob) {
    this.blob = ownedBlob;
    this.blobBytes = Bytes.wrap(ownedBlob);
  }

  public final Bytes blob() {
    return blobBytes;
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
