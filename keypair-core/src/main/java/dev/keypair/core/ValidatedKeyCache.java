package dev.keypair.core;

import java.util.Arrays;

/**
 * The last public keys decoded with their validation arithmetic (RSA, DSA, ECDSA), by blob, so that a
 * file which repeats a key does not repeat the arithmetic: a table of a fixed number of slots in sets of
 * two (a key's set comes from its blob; a new key goes to the first slot of its set and moves the one there
 * to the second), each holding one decoded key, the limits it was checked against and its blob. With sets of
 * two, the few dozen keys of a typical file do not evict each other (a direct-mapped table of 512 slots
 * already lost one of 36 keys to a collision, and so validated it again on every line).
 *
 * <p>A hit needs the same blob, byte for byte, and the same limits, so it returns exactly the key a new
 * decode would return (keys are immutable, and equal exactly when their blobs are). Only keys that
 * passed validation are stored; a blob that fails is decoded, and fails, every time with the same
 * error. Public keys only: nothing secret is ever stored. Blobs over {@value #MAX_BLOB} bytes are not
 * stored, so the table holds at most {@code SLOTS * MAX_BLOB} bytes of blobs.
 *
 * <p>Thread-safe without locks: a slot holds an immutable {@link Entry} (final fields, so safely
 * published through the plain array); a reader sees some entry or none, and checks it.
 */
final class ValidatedKeyCache {

  static final int SLOTS = 512;
  /** An RSA 8192-bit blob is 1,047 bytes. */
  static final int MAX_BLOB = 1100;

  private static final Entry[] TABLE = new Entry[SLOTS];

  private ValidatedKeyCache() {}

  private record Entry(byte[] blob, KeyPairLimits limits, KeyData key) {}

  /** The key decoded earlier from these bytes with these limits, or null. */
  static KeyData get(byte[] buf, int off, int len, KeyPairLimits limits) {
    if (len > MAX_BLOB) {
      return null;
    }
    int set = set(buf, off, len);
    for (int i = set; i < set + 2; i++) {
      Entry e = TABLE[i];
      if (e != null && e.blob.length == len && (e.limits == limits || e.limits.equals(limits))
          && Arrays.equals(e.blob, 0, len, buf, off, off + len)) {
        return e.key;
      }
    }
    return null;
  }

  /** Remembers a key that passed validation under {@code limits}. */
  static void put(KeyData key, KeyPairLimits limits) {
    byte[] blob = ((AbstractKeyData) key).blob;
    if (blob.length <= MAX_BLOB) {
      int set = set(blob, 0, blob.length);
      TABLE[set + 1] = TABLE[set];
      TABLE[set] = new Entry(blob, limits, key);
    }
  }

  /**
   * The first slot of a set, from the length and the last eight bytes: the end of the modulus, the point
   * or the key.
   */
  static int set(byte[] buf, int off, int len) {
    long h = 0;
    for (int i = Math.max(off, off + len - 8); i < off + len; i++) {
      h = h << 8 | (buf[i] & 0xff);
    }
    h = (h ^ len) * 0x9E3779B97F4A7C15L; // the length after the bytes: eight shifts would push it out
    return (int) (h >>> 56) << 1; // 256 sets of two
  }
}
