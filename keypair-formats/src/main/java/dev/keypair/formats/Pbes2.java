package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.internal.CoreAccess;
import dev.keypair.core.internal.Wipe;
import dev.keypair.formats.internal.Der;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The encrypted PKCS#8 private key (<a href="https://www.rfc-editor.org/rfc/rfc5958#section-3">RFC 5958
 * section 3</a>) with PBES2 (<a href="https://www.rfc-editor.org/rfc/rfc8018#section-6.2">RFC 8018 section
 * 6.2</a>), the body of {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}:
 * <pre>
 * EncryptedPrivateKeyInfo ::= SEQUENCE {
 *   encryptionAlgorithm  AlgorithmIdentifier,        -- PBES2 1.2.840.113549.1.5.13
 *   encryptedData        OCTET STRING }              -- the PrivateKeyInfo, encrypted
 * PBES2-params ::= SEQUENCE {
 *   keyDerivationFunc    AlgorithmIdentifier,        -- PBKDF2 or scrypt
 *   encryptionScheme     AlgorithmIdentifier }       -- aes128-CBC, aes192-CBC, aes256-CBC (or des-ede3-cbc), IV
 * PBKDF2-params ::= SEQUENCE {                       -- 1.2.840.113549.1.5.12, RFC 8018 appendix A.2
 *   salt                 OCTET STRING,               -- (otherSource is refused)
 *   iterationCount       INTEGER,
 *   keyLength            INTEGER OPTIONAL,           -- must be the cipher's key length
 *   prf                  AlgorithmIdentifier DEFAULT hmacWithSHA1 }  -- SHA-1, SHA-224, SHA-256, SHA-384, SHA-512;
 *                                                    -- its parameters NULL or absent; an explicit hmacWithSHA1,
 *                                                    -- which DER would omit, is accepted as some encoders write it
 * scrypt-params ::= SEQUENCE {                       -- 1.3.6.1.4.1.11591.4.11, RFC 7914 section 7.1
 *   salt OCTET STRING, costParameter INTEGER, blockSize INTEGER, parallelizationParameter INTEGER,
 *   keyLength INTEGER OPTIONAL }
 * </pre>
 *
 * <p>Everything is parsed and checked before a key is derived: the structure ({@link ErrorCode#FORMAT}),
 * the algorithms ({@link ErrorCode#UNSUPPORTED_ALGORITHM}: PBES1, PKCS#12 PBE, other KDFs, PRFs and
 * ciphers), and the costs against {@link KeyPairLimits} ({@link ErrorCode#RESOURCE_LIMIT}): PBKDF2
 * iterations against {@link KeyPairLimits#maxPbkdf2Iterations()}; scrypt's memory {@code 128 * N * r}
 * against {@link KeyPairLimits#maxKdfMemoryBytes()} and against half of this JVM's maximum heap (so that
 * a table that cannot fit is refused, not met with an {@link OutOfMemoryError}), and {@code p} against
 * {@link KeyPairLimits#maxKdfParallelism()}; an iteration count, {@code r} or {@code p} below 1 is out of
 * that range too. An scrypt {@code N} that is not a power of two greater than 1 (RFC 7914), an empty salt,
 * and a key length other than the cipher's are {@code FORMAT}.
 *
 * <p>PBKDF2 and the ciphers are the JDK's; scrypt is BouncyCastle's (its one limit beyond RFC 7914,
 * {@code N < 65536} when {@code r = 1}, is {@code UNSUPPORTED_ALGORITHM}). Written: PBKDF2 with
 * HMAC-SHA256, a 16-byte salt and the iterations asked for, and AES-256-CBC with a random IV; no
 * {@code keyLength}, as OpenSSL writes it.
 */
final class Pbes2 {

  static final String STRUCTURE = "EncryptedPrivateKeyInfo";

  static final String PBES2 = "1.2.840.113549.1.5.13";
  static final String PBKDF2 = "1.2.840.113549.1.5.12";
  static final String SCRYPT = "1.3.6.1.4.1.11591.4.11";
  static final String HMAC_SHA256 = "1.2.840.113549.2.9";

  /** Length of the salt written. */
  static final int SALT_LENGTH = 16;

  /** The PRFs of PBKDF2: OID to the digest name, as in the JDK's {@code PBKDF2WithHmacSHA256}. */
  private static final Map<String, String> PRFS = Map.of(
      "1.2.840.113549.2.7", "SHA1",
      "1.2.840.113549.2.8", "SHA224",
      HMAC_SHA256, "SHA256",
      "1.2.840.113549.2.10", "SHA384",
      "1.2.840.113549.2.11", "SHA512");

  /** Encryption algorithms people meet that are not PBES2, for the error message. */
  private static final Map<String, String> OTHER_SCHEMES = Map.of(
      "1.2.840.113549.1.5.3", "PBES1 pbeWithMD5AndDES-CBC",
      "1.2.840.113549.1.5.6", "PBES1 pbeWithMD5AndRC2-CBC",
      "1.2.840.113549.1.5.10", "PBES1 pbeWithSHA1AndDES-CBC",
      "1.2.840.113549.1.5.11", "PBES1 pbeWithSHA1AndRC2-CBC",
      "1.2.840.113549.1.12.1.3", "PKCS#12 pbeWithSHAAnd3-KeyTripleDES-CBC",
      "1.2.840.113549.1.12.1.4", "PKCS#12 pbeWithSHAAnd2-KeyTripleDES-CBC",
      "1.2.840.113549.1.12.1.1", "PKCS#12 pbeWithSHAAnd128BitRC4",
      "1.2.840.113549.1.12.1.6", "PKCS#12 pbeWithSHAAnd40BitRC2-CBC");

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The key derivation of one file, its parameters checked against the limits. */
  private abstract static class Kdf {
    final byte[] salt;

    Kdf(byte[] salt) {
      this.salt = salt;
    }

    /** The derived key, a fresh array the caller must wipe. */
    abstract byte[] derive(Passphrase passphrase, int keyLength);

    abstract String description();
  }

  private static final class Pbkdf2 extends Kdf {
    final int iterations;
    final String digest;

    /** Output length of the PRF's hash, in bytes. */
    int digestLength() {
      switch (digest) {
        case "SHA1":
          return 20;
        case "SHA224":
          return 28;
        case "SHA256":
          return 32;
        case "SHA384":
          return 48;
        default:
          return 64;
      }
    }

    Pbkdf2(byte[] salt, int iterations, String digest) {
      super(salt);
      this.iterations = iterations;
      this.digest = digest;
    }

    @Override
    byte[] derive(Passphrase passphrase, int keyLength) {
      // the JDK's PBKDF2 takes characters and hashes their UTF-8 encoding, as OpenSSL hashes the bytes typed
      char[] chars = passphrase.toCharArray(InsecureSecretAccess.get());
      PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, 8 * keyLength);
      try {
        SecretKey key = SecretKeyFactory.getInstance("PBKDF2WithHmac" + digest).generateSecret(spec);
        return key.getEncoded();
      } catch (GeneralSecurityException e) {
        throw new KeyPairException(ErrorCode.INTERNAL, "the JDK cannot run PBKDF2WithHmac" + digest, e);
      } finally {
        spec.clearPassword();
        Wipe.wipe("pkcs8-passphrase", chars);
      }
    }

    @Override
    String description() {
      return "PBKDF2-HMAC-" + digest + "/" + iterations;
    }
  }

  private static final class Scrypt extends Kdf {
    final int n;
    final int r;
    final int p;

    Scrypt(byte[] salt, int n, int r, int p) {
      super(salt);
      this.n = n;
      this.r = r;
      this.p = p;
    }

    @Override
    byte[] derive(Passphrase passphrase, int keyLength) {
      byte[] utf8 = CoreAccess.utf8(passphrase);
      try {
        return SCrypt.generate(utf8, salt, n, r, p, keyLength);
      } catch (OutOfMemoryError e) {
        // the heap check in parse() leaves room, but the heap may be busy: what failed is scrypt's own
        // table, which is garbage now, so this is a refusal like the caps, not a broken JVM
        throw new KeyPairException(ErrorCode.RESOURCE_LIMIT, STRUCTURE + ": the JVM has not enough free heap "
            + "for scrypt's " + (128L * n * r) + " bytes");
      } finally {
        Wipe.wipe("pkcs8-passphrase", utf8);
      }
    }

    @Override
    String description() {
      return "scrypt/N=" + n + ",r=" + r + ",p=" + p;
    }
  }

  /** A parsed EncryptedPrivateKeyInfo whose costs are within the limits; nothing derived yet. */
  static final class Encrypted {
    private final Kdf kdf;
    private final PemCipher cipher;
    private final byte[] iv;
    private final byte[] ciphertext;

    private Encrypted(Kdf kdf, PemCipher cipher, byte[] iv, byte[] ciphertext) {
      this.kdf = kdf;
      this.cipher = cipher;
      this.iv = iv;
      this.ciphertext = ciphertext;
    }

    /** {@code PBES2/PBKDF2-HMAC-SHA256/600000/AES-256-CBC}, {@code PBES2/scrypt/N=16384,r=8,p=1/AES-256-CBC}. */
    String description() {
      return "PBES2/" + kdf.description() + "/" + cipher.opensslName();
    }

    /**
     * Derives the key and decrypts.
     *
     * @return the PrivateKeyInfo DER, a fresh array the caller must wipe
     * @throws KeyPairException {@link ErrorCode#WRONG_PASSPHRASE} if the padding is wrong
     */
    byte[] decrypt(Passphrase passphrase) {
      byte[] key = kdf.derive(passphrase, cipher.keyLength());
      try {
        return cipher.decrypt(key, iv, ciphertext, STRUCTURE);
      } finally {
        Wipe.wipe("pkcs8-derived-key", key);
      }
    }
  }

  private Pbes2() {}

  /**
   * Parses an EncryptedPrivateKeyInfo and checks every cost against {@code limits}; derives nothing.
   *
   * @throws KeyPairException {@link ErrorCode#FORMAT}, {@link ErrorCode#UNSUPPORTED_ALGORITHM} or
   *     {@link ErrorCode#RESOURCE_LIMIT}, as the class comment says
   */
  static Encrypted parse(byte[] der, KeyPairLimits limits) {
    return Der.decode(der, limits, STRUCTURE, r -> {
      Der.Reader epki = r.sequence("EncryptedPrivateKeyInfo");
      Der.Reader alg = epki.sequence("encryptionAlgorithm");
      int algAt = alg.offset();
      String scheme = alg.oid("encryptionAlgorithm.algorithm");
      if (!scheme.equals(PBES2)) {
        String name = OTHER_SCHEMES.get(scheme);
        throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, STRUCTURE + ": encryption algorithm "
            + (name != null ? name + " (" + scheme + ")" : Der.oidForMessage(scheme)) + " at offset " + algAt
            + " is not supported; keypair reads PBES2 (PBKDF2 or scrypt with AES-CBC)");
      }
      Der.Reader params = alg.sequence("PBES2-params");
      Der.Reader kdfAlg = params.sequence("keyDerivationFunc");
      int kdfAt = kdfAlg.offset();
      String kdfOid = kdfAlg.oid("keyDerivationFunc.algorithm");
      Kdf kdf;
      Integer keyLength;
      if (kdfOid.equals(PBKDF2)) {
        Der.Reader kp = kdfAlg.sequence("PBKDF2-params");
        byte[] salt = salt(kp, "PBKDF2-params.salt");
        long iterations = costParameter(kp.integer("PBKDF2-params.iterationCount"));
        KeyPairLimits.checkKdfParameter("PBKDF2 iterations", iterations, limits.maxPbkdf2Iterations());
        keyLength = kp.peekTag() == Der.INTEGER ? kp.smallInteger("PBKDF2-params.keyLength", 1024) : null;
        String digest = "SHA1";
        if (kp.hasMore()) {
          Der.Reader prf = kp.sequence("PBKDF2-params.prf");
          int prfAt = prf.offset();
          String prfOid = prf.oid("PBKDF2-params.prf.algorithm");
          if (prf.hasMore()) {
            prf.nul("PBKDF2-params.prf.parameters");
          }
          prf.end();
          digest = PRFS.get(prfOid);
          if (digest == null) {
            throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, STRUCTURE + ": PBKDF2 PRF "
                + Der.oidForMessage(prfOid) + " at offset " + prfAt + " is not supported; keypair reads "
                + "hmacWithSHA1, SHA224, SHA256, SHA384 and SHA512");
          }
        }
        kp.end();
        kdf = new Pbkdf2(salt, (int) iterations, digest);
      } else if (kdfOid.equals(SCRYPT)) {
        Der.Reader sp = kdfAlg.sequence("scrypt-params");
        byte[] salt = salt(sp, "scrypt-params.salt");
        int nAt = sp.offset();
        BigInteger n = sp.integer("scrypt-params.costParameter");
        BigInteger r2 = sp.integer("scrypt-params.blockSize");
        BigInteger p = sp.integer("scrypt-params.parallelizationParameter");
        keyLength = sp.hasMore() ? sp.smallInteger("scrypt-params.keyLength", 1024) : null;
        sp.end();
        if (n.signum() <= 0 || n.bitCount() != 1 || n.equals(BigInteger.ONE)) {
          throw sp.error("scrypt-params.costParameter", nAt, "is not a power of 2 greater than 1 (RFC 7914)");
        }
        // r < 1 makes the memory < 1, which is refused as p < 1 is: out of the accepted range
        long memory = costParameter(BigInteger.valueOf(128).multiply(n).multiply(r2));
        KeyPairLimits.checkKdfParameter("scrypt memory 128 * N * r (bytes)", memory, limits.maxKdfMemoryBytes());
        KeyPairLimits.checkKdfParameter("scrypt parallelization p", costParameter(p), limits.maxKdfParallelism());
        // the time is p passes over that memory: capped like the memory itself
        KeyPairLimits.checkKdfParameter("scrypt work 128 * N * r * p (bytes)",
            costParameter(BigInteger.valueOf(memory).multiply(p)), limits.maxKdfMemoryBytes());
        // scrypt's table is allocated in one go: refuse what cannot fit in this JVM rather than fail with an
        // OutOfMemoryError (the default cap, 256 MiB, is the whole heap of a small JVM)
        KeyPairLimits.checkKdfParameter("scrypt memory 128 * N * r (bytes) in this JVM (half its maximum heap)",
            memory, Runtime.getRuntime().maxMemory() / 2);
        // BouncyCastle's scrypt computes sizes in int: beyond them it cannot run, whatever the limits say
        KeyPairLimits.checkKdfParameter("scrypt memory 128 * N * r (bytes) for this scrypt implementation", memory,
            Integer.MAX_VALUE);
        KeyPairLimits.checkKdfParameter("scrypt 1024 * r * p (bytes) for this scrypt implementation",
            1024 * r2.longValue() * p.longValue(), Integer.MAX_VALUE);
        if (r2.intValue() == 1 && n.intValue() >= 65536) {
          throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, STRUCTURE + ": scrypt with r = 1 and N = "
              + n + " is beyond the scrypt implementation keypair uses (N < 65536 when r = 1)");
        }
        kdf = new Scrypt(salt, n.intValueExact(), r2.intValueExact(), p.intValueExact());
      } else {
        throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, STRUCTURE + ": PBES2 key derivation "
            + Der.oidForMessage(kdfOid) + " at offset " + kdfAt + " is not supported; keypair reads PBKDF2 and scrypt");
      }
      kdfAlg.end();

      Der.Reader enc = params.sequence("encryptionScheme");
      int encAt = enc.offset();
      String encOid = enc.oid("encryptionScheme.algorithm");
      PemCipher cipher = PemCipher.fromOid(encOid).orElseThrow(() -> new KeyPairException(
          ErrorCode.UNSUPPORTED_ALGORITHM, STRUCTURE + ": PBES2 encryption scheme " + Der.oidForMessage(encOid)
          + " at offset " + encAt + " is not supported; keypair reads AES-128/192/256-CBC and DES-EDE3-CBC"));
      int ivAt = enc.offset();
      byte[] iv = enc.octetString("encryptionScheme.parameters");
      enc.end();
      params.end();
      alg.end();
      if (iv.length != cipher.blockSize()) {
        throw enc.error("encryptionScheme.parameters", ivAt, "is an IV of " + iv.length + " bytes; "
            + cipher.opensslName() + " takes " + cipher.blockSize());
      }
      if (keyLength != null && keyLength != cipher.keyLength()) {
        throw new KeyPairException(ErrorCode.FORMAT, STRUCTURE + ": the key derivation's keyLength is " + keyLength
            + " but " + cipher.opensslName() + " takes a key of " + cipher.keyLength() + " bytes");
      }
      if (kdf instanceof Pbkdf2) {
        // PBKDF2 runs its iterations once per output block of the PRF: an AES-256 key from HMAC-SHA1 takes two
        Pbkdf2 pb = (Pbkdf2) kdf;
        long blocks = (cipher.keyLength() + pb.digestLength() - 1) / pb.digestLength();
        KeyPairLimits.checkKdfParameter("PBKDF2 work (iterations x PRF blocks of key)", pb.iterations * blocks,
            limits.maxPbkdf2Iterations());
      }
      byte[] ciphertext = epki.octetString("encryptedData");
      epki.end();
      cipher.checkCiphertextLength(ciphertext.length, STRUCTURE);
      return new Encrypted(kdf, cipher, iv, ciphertext);
    });
  }

  private static byte[] salt(Der.Reader r, String field) {
    int at = r.offset();
    if (r.peekTag() == Der.SEQUENCE) {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, STRUCTURE + ": field '" + field + "' at offset "
          + at + " is an otherSource AlgorithmIdentifier; keypair reads a specified salt");
    }
    byte[] salt = r.octetString(field);
    if (salt.length == 0) {
      throw r.error(field, at, "is empty");
    }
    return salt;
  }

  /** A cost as a long: negative stays negative, anything past a long is {@link Long#MAX_VALUE}. */
  private static long costParameter(BigInteger v) {
    return v.bitLength() > 62 ? (v.signum() < 0 ? -1 : Long.MAX_VALUE) : v.longValue();
  }

  /**
   * Encrypts a PrivateKeyInfo: PBES2 with PBKDF2-HMAC-SHA256 ({@code iterations}, a random 16-byte salt)
   * and AES-256-CBC (a random IV).
   *
   * @return the DER EncryptedPrivateKeyInfo
   */
  static byte[] encrypt(byte[] privateKeyInfo, Passphrase passphrase, int iterations) {
    Objects.requireNonNull(passphrase, "passphrase");
    PemCipher cipher = PemCipher.AES_256_CBC;
    byte[] salt = new byte[SALT_LENGTH];
    byte[] iv = new byte[cipher.blockSize()];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(iv);
    byte[] key = new Pbkdf2(salt, iterations, "SHA256").derive(passphrase, cipher.keyLength());
    byte[] ciphertext;
    try {
      ciphertext = cipher.encrypt(key, iv, privateKeyInfo);
    } finally {
      Wipe.wipe("pkcs8-derived-key", key);
    }
    byte[] kdf = Der.sequence(Der.oid(PBKDF2),
        Der.sequence(Der.octetString(salt), Der.integer(iterations), Der.sequence(Der.oid(HMAC_SHA256), Der.nul())));
    byte[] scheme = Der.sequence(Der.oid(cipher.oid()), Der.octetString(iv));
    return Der.sequence(Der.sequence(Der.oid(PBES2), Der.sequence(kdf, scheme)), Der.octetString(ciphertext));
  }
}
