package dev.keypair.benchmarks;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The floor: what no reader of keys can avoid, and nothing more. Find the key's Base64 field in a line, decode it
 * with {@link java.util.Base64}, hash it with {@link MessageDigest}. No check that the blob is a key, no
 * objects. Also the line splitting given to BouncyCastle, which has no line reader of its own.
 */
final class Floor {

  private Floor() {}

  /**
   * The Base64 field of an OpenSSH or authorized_keys line: the field after the first one that starts like a key
   * type ({@code ssh-}, {@code ecdsa-}); null for a blank or {@code #} line. Option values with spaces in them are
   * not parsed, only skipped field by field, so a value that starts like a key type would fool it (the inputs
   * have none).
   */
  static String blobField(String line) {
    if (line.isEmpty() || line.charAt(0) == '#') {
      return null;
    }
    int start = 0;
    while (start < line.length()) {
      int end = line.indexOf(' ', start);
      if (end < 0) {
        return null;
      }
      if (line.startsWith("ssh-", start) || line.startsWith("ecdsa-", start)) {
        int blobEnd = line.indexOf(' ', end + 1);
        return line.substring(end + 1, blobEnd < 0 ? line.length() : blobEnd);
      }
      start = end + 1;
    }
    return null;
  }

  /** The blob of a line's Base64 field. */
  static byte[] decode(String line) {
    return Base64.getDecoder().decode(blobField(line));
  }

  static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
