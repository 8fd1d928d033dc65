package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.internal.Wipe;
import dev.keypair.formats.KeyProtection.Argon2Variant;
import dev.keypair.formats.internal.Argon2;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptography of a PPK file: deriving the cipher key, IV and MAC key from the passphrase,
 * AES-256-CBC without padding, and the MAC over the file's fields (PuTTY manual, appendix C.2, C.4
 * and C.5.1).
 *
 * <p>Every array this class makes from the passphrase is wiped through {@link Wipe} (tags
 * {@code ppk-argon2-output}, {@code ppk-v2-cipher-key-hash}, {@code ppk-cipher-key}, {@code ppk-iv},
 * {@code ppk-mac-key}). The JCA objects made from them ({@link SecretKeySpec}, the cipher and MAC
 * instances) keep copies Java cannot wipe.
 */
final class PpkCrypto {

  /** AES block, and the multiple the encrypted private blob is padded to. */
  static final int BLOCK = 16;
  private static final int AES_KEY = 32;
  private static final int V3_MAC_KEY = 32;
  private static final byte[] V2_MAC_KEY_PREFIX =
      "putty-private-key-file-mac-key".getBytes(StandardCharsets.US_ASCII);

  private PpkCrypto() {}

  /** The Argon2 settings of a v3 encrypted file. */
  static final class Argon2Params {
    final Argon2Variant variant;
    final int memoryKiB;
    final int passes;
    final int parallelism;
    private final byte[] salt;

    Argon2Params(Argon2Variant variant, int memoryKiB, int passes, int parallelism, byte[] salt) {
      this.variant = Objects.requireNonNull(variant, "variant");
      this.memoryKiB = memoryKiB;
      this.passes = passes;
      this.parallelism = parallelism;
      this.salt = salt.clone();
    }

    byte[] salt() {
      return salt.clone();
    }

    /** {@code Argon2id/8192/34/1}. */
    String description() {
      return variant.ppkName() + "/" + memoryKiB + "/" + passes + "/" + parallelism;
    }
  }

  /** The three pieces of key material; {@link #close()} wipes them. */
  static final class Keys implements AutoCloseable {
    final byte[] cipherKey;
    final byte[] iv;
    final byte[] macKey;

    private Keys(byte[] cipherKey, byte[] iv, byte[] macKey) {
      this.cipherKey = cipherKey;
      this.iv = iv;
      this.macKey = macKey;
    }

    @Override
    public void close() {
      Wipe.wipe("ppk-cipher-key", cipherKey);
      Wipe.wipe("ppk-iv", iv);
      Wipe.wipe("ppk-mac-key", macKey);
    }
  }

  /**
   * The key material of a file.
   *
   * <ul>
   *   <li>v3 encrypted: Argon2 of the passphrase and salt with an 80-byte tag, empty secret and
   *       associated data: cipher key (32) || IV (16) || MAC key (32);</li>
   *   <li>v3 unencrypted: no cipher key or IV, an empty MAC key;</li>
   *   <li>v2: cipher key = the first 32 bytes of SHA-1(00000000 || passphrase) || SHA-1(00000001 ||
   *       passphrase), IV zero, MAC key = SHA-1("putty-private-key-file-mac-key" || passphrase), with
   *       the empty passphrase when unencrypted.</li>
   * </ul>
   *
   * @param passphrase the passphrase's UTF-8 bytes (empty when unencrypted); not kept
   * @param argon2     the Argon2 settings of a v3 encrypted file, else null
   */
  static Keys derive(int version, boolean encrypted, Argon2Params argon2, byte[] passphrase) {
    if (version == 3) {
      if (!encrypted) {
        return new Keys(new byte[0], new byte[0], new byte[0]);
      }
      byte[] out = argon2(argon2, passphrase, AES_KEY + BLOCK + V3_MAC_KEY);
      try {
        return new Keys(Arrays.copyOfRange(out, 0, AES_KEY), Arrays.copyOfRange(out, AES_KEY, AES_KEY + BLOCK),
            Arrays.copyOfRange(out, AES_KEY + BLOCK, out.length));
      } finally {
        Wipe.wipe("ppk-argon2-output", out);
      }
    }
    MessageDigest sha1 = sha1();
    sha1.update(V2_MAC_KEY_PREFIX);
    sha1.update(passphrase);
    byte[] macKey = sha1.digest();
    if (!encrypted) {
      return new Keys(new byte[0], new byte[0], macKey);
    }
    byte[] hashes = new byte[40];
    try {
      for (int i = 0; i < 2; i++) {
        sha1.update(new byte[] {0, 0, 0, (byte) i});
        sha1.update(passphrase);
        sha1.digest(hashes, 20 * i, 20);
      }
      return new Keys(Arrays.copyOf(hashes, AES_KEY), new byte[BLOCK], macKey);
    } catch (GeneralSecurityException e) {
      Wipe.wipe("ppk-mac-key", macKey);
      throw new KeyPairException(ErrorCode.INTERNAL, "SHA-1 failed", e);
    } finally {
      Wipe.wipe("ppk-v2-cipher-key-hash", hashes);
    }
  }

  /**
   * Argon2 version 0x13 ({@link Argon2}, keypair's own, checked against BouncyCastle's and RFC 9106's
   * vectors), which computes what PuTTY computes for {@code memoryKiB >= 8 * parallelism}; the callers
   * check that. A heap too small for the memory asked is {@link ErrorCode#RESOURCE_LIMIT}, not an
   * {@link OutOfMemoryError}: refused before any allocation when the memory exceeds the JVM's maximum
   * heap, and mapped if the heap runs out while the KDF allocates.
   */
  static byte[] argon2(Argon2Params a, byte[] passphrase, int length) {
    // the memory (keypair's Argon2: one array; BouncyCastle's, off x86-64: an object a 1 KiB block), and
    // 1/32 more for the rest of the heap, which never holds the memory alone
    long heapNeeded = a.memoryKiB * (1024L + 32);
    long heap = Runtime.getRuntime().maxMemory();
    if (heapNeeded > heap) {
      throw new KeyPairException(ErrorCode.RESOURCE_LIMIT, "Argon2 with " + a.memoryKiB
          + " KiB needs more than this JVM's whole heap (" + (heap >> 20)
          + " MiB); lower KeyPairLimits.maxKdfMemoryBytes or raise -Xmx");
    }
    Argon2.Type type;
    switch (a.variant) {
      case ARGON2D:
        type = Argon2.Type.ARGON2D;
        break;
      case ARGON2I:
        type = Argon2.Type.ARGON2I;
        break;
      default:
        type = Argon2.Type.ARGON2ID;
        break;
    }
    try {
      return Argon2.derive(type, passphrase, a.salt, a.memoryKiB, a.passes, a.parallelism, length);
    } catch (OutOfMemoryError e) {
      throw new KeyPairException(ErrorCode.RESOURCE_LIMIT, "Argon2 with " + a.memoryKiB
          + " KiB does not fit in this JVM's heap; lower KeyPairLimits.maxKdfMemoryBytes or raise -Xmx");
    } catch (IllegalArgumentException e) {
      // Argon2's own ranges (RFC 9106's), if the limits allow more
      throw new KeyPairException(ErrorCode.RESOURCE_LIMIT, "Argon2 refused its parameters ("
          + a.description() + "): " + e.getMessage());
    }
  }

  /**
   * The MAC of a file: HMAC-SHA-1 (v2) or HMAC-SHA-256 (v3) keyed with {@code macKey}, over
   * {@code string algorithm, string encryption, string comment, string public blob, string private
   * blob}, the private blob in the clear with its padding. An empty key is HMAC's key of zeros (HMAC
   * pads a short key with zero bytes), which is how it is given to the JDK, whose key specs refuse
   * empty keys.
   */
  static byte[] mac(int version, byte[] macKey, String algorithm, String encryption, byte[] comment,
      byte[] publicBlob, byte[] privateBlob) {
    String name = version == 2 ? "HmacSHA1" : "HmacSHA256";
    try {
      Mac mac = Mac.getInstance(name);
      mac.init(new SecretKeySpec(macKey.length == 0 ? new byte[1] : macKey, name));
      string(mac, algorithm.getBytes(StandardCharsets.US_ASCII));
      string(mac, encryption.getBytes(StandardCharsets.US_ASCII));
      string(mac, comment);
      string(mac, publicBlob);
      string(mac, privateBlob);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new KeyPairException(ErrorCode.INTERNAL, "the JDK's " + name + " failed", e);
    }
  }

  private static void string(Mac mac, byte[] b) {
    int n = b.length;
    mac.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    mac.update(b);
  }

  /** SHA-1 of {@code data}. */
  static byte[] sha1(byte[] data) {
    return sha1().digest(data);
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (GeneralSecurityException e) {
      throw new KeyPairException(ErrorCode.INTERNAL, "the JDK has no SHA-1", e);
    }
  }
}
