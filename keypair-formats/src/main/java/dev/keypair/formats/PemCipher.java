package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.internal.Wipe;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CBC ciphers of encrypted PEM keys, by the JDK: OpenSSL's legacy {@code DEK-Info} encryption
 * (RFC 1421 headers) and the encryption schemes of PBES2 (RFC 8018 appendix B.2). Both pad the
 * plaintext to whole blocks as PKCS#7 does (RFC 8018 section 6.1.1 step 4, RFC 5652 section 6.3).
 *
 * <p>The padding is checked and removed here rather than by the JDK's {@code PKCS5Padding}, so that
 * the one buffer holding the plaintext is ours and can be wiped. Bad padding means the key (so the
 * passphrase) was wrong: {@link ErrorCode#WRONG_PASSPHRASE}.
 */
enum PemCipher {
  AES_128_CBC("AES-128-CBC", "2.16.840.1.101.3.4.1.2", "AES", 16, 16),
  AES_192_CBC("AES-192-CBC", "2.16.840.1.101.3.4.1.22", "AES", 24, 16),
  AES_256_CBC("AES-256-CBC", "2.16.840.1.101.3.4.1.42", "AES", 32, 16),
  DES_EDE3_CBC("DES-EDE3-CBC", "1.2.840.113549.3.7", "DESede", 24, 8);

  private final String opensslName;
  private final String oid;
  private final String jcaAlgorithm;
  private final int keyLength;
  private final int blockSize;

  PemCipher(String opensslName, String oid, String jcaAlgorithm, int keyLength, int blockSize) {
    this.opensslName = opensslName;
    this.oid = oid;
    this.jcaAlgorithm = jcaAlgorithm;
    this.keyLength = keyLength;
    this.blockSize = blockSize;
  }

  /** OpenSSL's name, as in {@code DEK-Info}: {@code AES-256-CBC}. */
  String opensslName() {
    return opensslName;
  }

  /** The OBJECT IDENTIFIER of the cipher as a PBES2 encryption scheme, dotted. */
  String oid() {
    return oid;
  }

  int keyLength() {
    return keyLength;
  }

  /** The block size, which is also the length of the IV. */
  int blockSize() {
    return blockSize;
  }

  /** The cipher OpenSSL names {@code name} in {@code DEK-Info}, compared without case as OpenSSL does. */
  static Optional<PemCipher> fromOpensslName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (PemCipher c : values()) {
      if (c.opensslName.equals(upper)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  static Optional<PemCipher> fromOid(String oid) {
    for (PemCipher c : values()) {
      if (c.oid.equals(oid)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Fails with {@link ErrorCode#FORMAT} unless {@code length} is a positive multiple of the block
   * size; callers check this before deriving a key.
   */
  void checkCiphertextLength(int length, String what) {
    if (length == 0 || length % blockSize != 0) {
      throw new KeyPairException(ErrorCode.FORMAT, what + ": the encrypted data is " + length
          + " bytes, not a positive multiple of the " + opensslName + " block size " + blockSize);
    }
  }

  /**
   * Decrypts {@code ciphertext} and removes its padding.
   *
   * @return the plaintext, a fresh array the caller must wipe
   * @throws KeyPairException {@link ErrorCode#WRONG_PASSPHRASE} if the padding is not PKCS#7 padding
   */
  byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext, String what) {
    checkCiphertextLength(ciphertext.length, what);
    byte[] padded = new byte[ciphertext.length];
    try {
      run(Cipher.DECRYPT_MODE, key, iv, ciphertext, padded);
      int pad = padded[padded.length - 1] & 0xff;
      // no early exit on the bytes: the padding of a wrong key says nothing about where it went wrong
      int bad = (pad == 0 || pad > blockSize) ? 1 : 0;
      int checked = Math.min(Math.max(pad, 1), blockSize);
      for (int i = padded.length - checked; i < padded.length; i++) {
        bad |= (padded[i] & 0xff) ^ pad;
      }
      if (bad != 0) {
        throw new KeyPairException(ErrorCode.WRONG_PASSPHRASE, what + ": wrong passphrase (the decrypted data "
            + "does not end in valid padding)");
      }
      return Arrays.copyOf(padded, padded.length - pad);
    } finally {
      Wipe.wipe("pem-cipher-padded-plaintext", padded);
    }
  }

  /** Pads {@code plaintext} to whole blocks and encrypts it. */
  byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext) {
    int pad = blockSize - plaintext.length % blockSize;
    byte[] padded = Arrays.copyOf(plaintext, plaintext.length + pad);
    Arrays.fill(padded, plaintext.length, padded.length, (byte) pad);
    byte[] out = new byte[padded.length];
    try {
      run(Cipher.ENCRYPT_MODE, key, iv, padded, out);
      return out;
    } finally {
      Wipe.wipe("pem-cipher-padded-plaintext", padded);
    }
  }

  /**
   * Encrypts or decrypts whole blocks with no padding at all, for formats that pad on their own (PuTTY's
   * PPK files use AES-256-CBC this way).
   *
   * @param mode {@link Cipher#ENCRYPT_MODE} or {@link Cipher#DECRYPT_MODE}
   * @return a fresh array as long as {@code data}
   */
  byte[] unpadded(int mode, byte[] key, byte[] iv, byte[] data) {
    if (data.length % blockSize != 0) {
      throw new IllegalArgumentException(opensslName + " data of " + data.length + " bytes is not whole blocks");
    }
    byte[] out = new byte[data.length];
    run(mode, key, iv, data, out);
    return out;
  }

  private void run(int mode, byte[] key, byte[] iv, byte[] in, byte[] out) {
    if (key.length != keyLength || iv.length != blockSize) {
      throw new IllegalArgumentException(opensslName + " takes a " + keyLength + "-byte key and a " + blockSize
          + "-byte IV");
    }
    try {
      Cipher c = Cipher.getInstance(jcaAlgorithm + "/CBC/NoPadding");
      c.init(mode, new SecretKeySpec(key, jcaAlgorithm), new IvParameterSpec(iv));
      int n = c.doFinal(in, 0, in.length, out, 0);
      if (n != out.length) {
        throw new IllegalStateException(opensslName + " returned " + n + " bytes for " + in.length);
      }
    } catch (GeneralSecurityException e) {
      throw new KeyPairException(ErrorCode.INTERNAL, "the JDK cannot run " + opensslName, e);
    }
  }
}
