package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.Passphrase;
import dev.keypair.core.internal.CoreAccess;
import dev.keypair.core.internal.Wipe;
import dev.keypair.formats.internal.PemBlocks;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * OpenSSL's legacy encryption of traditional PEM keys, with the RFC 1421 headers:
 * <pre>
 * -----BEGIN RSA PRIVATE KEY-----
 * Proc-Type: 4,ENCRYPTED
 * DEK-Info: AES-256-CBC,0123456789ABCDEF0123456789ABCDEF      cipher, IV in hex
 *
 * base64 of the encrypted PKCS#1, SEC1 or DSA DER
 * -----END RSA PRIVATE KEY-----
 * </pre>
 * The key is OpenSSL's {@code EVP_BytesToKey} with MD5, one iteration, and the first 8 bytes of the IV
 * as salt: {@code D1 = MD5(passphrase || salt)}, {@code Di = MD5(Di-1 || passphrase || salt)}, the key
 * the first bytes of {@code D1 || D2 || ...}. Ciphers read: AES-128-CBC, AES-192-CBC, AES-256-CBC,
 * DES-EDE3-CBC; written: AES-256-CBC with a random IV. This key derivation is one MD5 round: prefer
 * PKCS#8 or OpenSSH for new keys.
 *
 * <p>Checked before any key is derived: exactly the two headers {@code Proc-Type: 4,ENCRYPTED} and
 * {@code DEK-Info}, in that order ({@link ErrorCode#FORMAT} otherwise); a cipher keypair knows
 * ({@link ErrorCode#UNSUPPORTED_ALGORITHM}); an IV of the cipher's block size in hex and a body of whole
 * blocks ({@code FORMAT}).
 */
final class LegacyPemEncryption {

  static final String PROC_TYPE = "Proc-Type";
  static final String DEK_INFO = "DEK-Info";
  static final String ENCRYPTED = "4,ENCRYPTED";

  private static final int SALT_LENGTH = 8;
  private static final int MD5_LENGTH = 16;
  private static final int MAX_IN_MESSAGE = 40;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PemCipher cipher;
  private final byte[] iv;

  private LegacyPemEncryption(PemCipher cipher, byte[] iv) {
    this.cipher = cipher;
    this.iv = iv;
  }

  /**
   * The encryption the headers of {@code block} describe, or null if it has none.
   *
   * @param what the input, for messages ("PEM private key")
   */
  static LegacyPemEncryption fromHeaders(PemBlocks.Block block, String what) {
    List<PemBlocks.Header> headers = block.headers();
    if (headers.isEmpty()) {
      return null;
    }
    String where = what + " at line " + block.beginLine();
    if (headers.size() != 2 || !headers.get(0).name().equalsIgnoreCase(PROC_TYPE)
        || !headers.get(1).name().equalsIgnoreCase(DEK_INFO)) {
      throw new KeyPairException(ErrorCode.FORMAT, where + " has headers " + names(headers) + "; an encrypted key "
          + "has exactly 'Proc-Type: 4,ENCRYPTED' then 'DEK-Info: CIPHER,IV'");
    }
    String procType = headers.get(0).value();
    if (!procType.equals(ENCRYPTED)) {
      throw new KeyPairException(ErrorCode.FORMAT, where + " has Proc-Type '" + shorten(procType)
          + "'; an encrypted key has '" + ENCRYPTED + "'");
    }
    String dekInfo = headers.get(1).value();
    int comma = dekInfo.indexOf(',');
    if (comma < 0) {
      throw new KeyPairException(ErrorCode.FORMAT, where + " has DEK-Info without ',IV'; expected 'CIPHER,IV'");
    }
    String name = dekInfo.substring(0, comma).trim();
    PemCipher cipher = PemCipher.fromOpensslName(name).orElseThrow(() -> new KeyPairException(
        ErrorCode.UNSUPPORTED_ALGORITHM, where + " is encrypted with '" + shorten(name) + "'; keypair reads "
        + "AES-128-CBC, AES-192-CBC, AES-256-CBC and DES-EDE3-CBC"));
    String hex = dekInfo.substring(comma + 1).trim();
    if (hex.length() != 2 * cipher.blockSize() || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new KeyPairException(ErrorCode.FORMAT, where + " has a DEK-Info IV that is not " + cipher.blockSize()
          + " bytes in hex, as " + cipher.opensslName() + " takes");
    }
    return new LegacyPemEncryption(cipher, HexFormat.of().parseHex(hex));
  }

  private static String names(List<PemBlocks.Header> headers) {
    StringBuilder sb = new StringBuilder();
    for (PemBlocks.Header h : headers.subList(0, Math.min(headers.size(), 4))) {
      sb.append(sb.length() == 0 ? "" : ", ").append(shorten(h.name()));
    }
    return sb.append(headers.size() > 4 ? ", ..." : "").toString();
  }

  /** {@code s} shortened for an error message. */
  static String shorten(String s) {
    return s.length() <= MAX_IN_MESSAGE ? s : s.substring(0, MAX_IN_MESSAGE) + "...";
  }

  /** The cipher's OpenSSL name, which is the encryption's description: {@code AES-256-CBC}. */
  String description() {
    return cipher.opensslName();
  }

  /** Fails with {@link ErrorCode#FORMAT} unless the body is whole blocks; before any key is derived. */
  void checkCiphertext(byte[] ciphertext, String what) {
    cipher.checkCiphertextLength(ciphertext.length, what);
  }

  /**
   * Decrypts the body.
   *
   * @return the DER, a fresh array the caller must wipe
   * @throws KeyPairException {@link ErrorCode#WRONG_PASSPHRASE} if the padding is wrong
   */
  byte[] decrypt(byte[] ciphertext, Passphrase passphrase, String what) {
    byte[] key = deriveKey(passphrase, cipher, iv);
    try {
      return cipher.decrypt(key, iv, ciphertext, what);
    } finally {
      Wipe.wipe("pem-derived-key", key);
    }
  }

  /** The PEM text of {@code der} encrypted with {@code passphrase}: AES-256-CBC, a random IV, OpenSSL's headers. */
  static String encode(String label, byte[] der, Passphrase passphrase) {
    PemCipher cipher = PemCipher.AES_256_CBC;
    byte[] iv = new byte[cipher.blockSize()];
    RANDOM.nextBytes(iv);
    byte[] key = deriveKey(passphrase, cipher, iv);
    byte[] body;
    try {
      body = cipher.encrypt(key, iv, der);
    } finally {
      Wipe.wipe("pem-derived-key", key);
    }
    List<PemBlocks.Header> headers = List.of(new PemBlocks.Header(PROC_TYPE, ENCRYPTED),
        new PemBlocks.Header(DEK_INFO, cipher.opensslName() + "," + HexFormat.of().withUpperCase().formatHex(iv)));
    return PemBlocks.encode(label, headers, body);
  }

  /** OpenSSL's {@code EVP_BytesToKey(cipher, EVP_md5(), iv[0..8], passphrase, 1)}: the key, which the caller wipes. */
  static byte[] deriveKey(Passphrase passphrase, PemCipher cipher, byte[] iv) {
    byte[] pass = CoreAccess.utf8(passphrase);
    int blocks = (cipher.keyLength() + MD5_LENGTH - 1) / MD5_LENGTH;
    byte[] d = new byte[blocks * MD5_LENGTH];
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      for (int i = 0; i < blocks; i++) {
        if (i > 0) {
          md5.update(d, (i - 1) * MD5_LENGTH, MD5_LENGTH);
        }
        md5.update(pass);
        md5.update(iv, 0, SALT_LENGTH);
        md5.digest(d, i * MD5_LENGTH, MD5_LENGTH);
      }
      return Arrays.copyOf(d, cipher.keyLength());
    } catch (GeneralSecurityException e) {
      throw new KeyPairException(ErrorCode.INTERNAL, "the JDK cannot run MD5", e);
    } finally {
      Wipe.wipe("pem-passphrase", pass);
      Wipe.wipe("pem-derived-key", d);
    }
  }
}
