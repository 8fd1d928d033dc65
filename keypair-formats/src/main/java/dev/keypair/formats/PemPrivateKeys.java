package dev.keypair.formats;

import dev.keypair.core.DsaKeyData;
import dev.keypair.core.DsaPrivateKeyData;
import dev.keypair.core.EcdsaPrivateKeyData;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.PrivateKeyData;
import dev.keypair.core.RsaPrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import dev.keypair.core.internal.Wipe;
import dev.keypair.formats.internal.Der;
import dev.keypair.formats.internal.PemBlocks;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Private keys in PEM, the forms OpenSSL, ssh-keygen ({@code -m PEM}, {@code -m PKCS8}) and the cloud
 * consoles write:
 * <pre>
 * -----BEGIN RSA PRIVATE KEY-----        PKCS#1 RSAPrivateKey (RFC 8017 A.1.2)          openssl pkey -traditional, AWS downloads
 * -----BEGIN EC PRIVATE KEY-----         SEC1 ECPrivateKey (RFC 5915)                   openssl ec
 * -----BEGIN DSA PRIVATE KEY-----        OpenSSL's SEQUENCE { 0, p, q, g, y, x }         read only
 * -----BEGIN PRIVATE KEY-----            PKCS#8 PrivateKeyInfo (RFC 5208, RFC 5958)      openssl genpkey, openssl pkcs8 -topk8 -nocrypt
 * -----BEGIN ENCRYPTED PRIVATE KEY-----  PKCS#8 EncryptedPrivateKeyInfo, PBES2 (RFC 8018) openssl pkcs8 -topk8, ssh-keygen -m PKCS8 -N
 * </pre>
 * The three traditional forms may be encrypted with OpenSSL's legacy headers:
 * <pre>
 * -----BEGIN RSA PRIVATE KEY-----
 * Proc-Type: 4,ENCRYPTED
 * DEK-Info: AES-128-CBC,70DFC3C0123A0DD1EE74B33AF0B558D2
 *
 * MIIEpAIBAAKCAQEA...
 * </pre>
 * The package-private {@code Pkcs1}, {@code Sec1}, {@code Pkcs8}, {@code Pbes2} and
 * {@code LegacyPemEncryption} show each structure and what they refuse.
 *
 * <p>Reading. PEM is read as {@link PemPublicKeys} reads it: one block per input, explanatory text
 * around it ignored, errors {@link ErrorCode#FORMAT} naming the line, the input size and line length
 * checked first ({@link ErrorCode#INPUT_TOO_LARGE}). Then:
 * <ul>
 *   <li>headers other than the legacy encryption's, and any header on {@code PRIVATE KEY} or
 *       {@code ENCRYPTED PRIVATE KEY}, are {@code FORMAT}; a public key label is {@code FORMAT}; other
 *       labels are {@link ErrorCode#UNRECOGNIZED_FORMAT};
 *   <li>an encrypted file is checked in full before any key is derived: its structure, its algorithms
 *       ({@link ErrorCode#UNSUPPORTED_ALGORITHM}, e.g. an unknown {@code DEK-Info} cipher) and its costs
 *       ({@link ErrorCode#RESOURCE_LIMIT}, PBKDF2 iterations and scrypt memory against
 *       {@link KeyPairLimits}). Only then, with a null or empty passphrase,
 *       {@link ErrorCode#PASSPHRASE_REQUIRED}: these forms keep no public key in the clear, so nothing
 *       can be returned without it. A malformed file gives the same error with or without a passphrase;
 *   <li>a wrong passphrase is {@link ErrorCode#WRONG_PASSPHRASE}: the padding is wrong, or what was
 *       decrypted is not the DER the label promises. A decrypted key that parses but is invalid keeps its
 *       own code ({@link ErrorCode#INVALID_VALUE}, {@link ErrorCode#KEY_MISMATCH}...);
 *   <li>an unencrypted file read with a passphrase is simply read;
 *   <li>key values are validated by keypair-core's factories with the given limits.
 * </ul>
 * PEM carries no comment: keys read have an empty comment, and a comment is not written.
 *
 * <p>Writing gives exactly what OpenSSL writes: {@code RSA PRIVATE KEY} as {@code openssl pkey -traditional},
 * {@code EC PRIVATE KEY} as {@code openssl ec} (with the curve and the public key), {@code PRIVATE KEY} as
 * {@code openssl pkcs8 -topk8 -nocrypt}. With a passphrase: traditional PEM gets the legacy headers with
 * AES-256-CBC and a random IV; PKCS#8 gets PBES2 with PBKDF2-HMAC-SHA256
 * ({@link KeyProtection#pbkdf2Iterations()}, a random 16-byte salt) and AES-256-CBC with a random IV, as
 * {@code openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256} writes. Ed25519 has no traditional
 * form; DSA keys are read, never written ({@link ErrorCode#UNSUPPORTED_ALGORITHM}).
 *
 * <p>Secrets: the passphrase bytes, derived keys and decrypted plaintext this class and its helpers copy
 * are wiped after use (through {@link Wipe}). What cannot be wiped: the RSA, DSA and ECDSA values, which
 * are {@link BigInteger}s; the copies inside the JDK's PBKDF2 and cipher objects; and the text of an
 * unencrypted input and output, which is the caller's.
 */
public final class PemPrivateKeys {

  /** The label of a PKCS#1 RSA private key. */
  public static final String RSA_LABEL = "RSA PRIVATE KEY";
  /** The label of a SEC1 EC private key. */
  public static final String EC_LABEL = "EC PRIVATE KEY";
  /** The label of OpenSSL's traditional DSA private key. */
  public static final String DSA_LABEL = "DSA PRIVATE KEY";
  /** The label of a PKCS#8 PrivateKeyInfo. */
  public static final String PKCS8_LABEL = "PRIVATE KEY";
  /** The label of a PKCS#8 EncryptedPrivateKeyInfo. */
  public static final String ENCRYPTED_PKCS8_LABEL = "ENCRYPTED PRIVATE KEY";

  private static final Set<String> OTHER_KEY_LABELS = Set.of(PemPublicKeys.SPKI_LABEL, PemPublicKeys.PKCS1_LABEL,
      "OPENSSH PRIVATE KEY", "SSH2 ENCRYPTED PRIVATE KEY");

  private static final String WHAT = "PEM private key";
  private static final String DSA_STRUCTURE = "DSAPrivateKey";

  private PemPrivateKeys() {}

  /** Reads a PEM private key with the default limits; see {@link #decode(byte[], Passphrase, KeyPairLimits)}. */
  public static DecodedPrivateKey decode(byte[] text, Passphrase passphrase) {
    return decode(text, passphrase, KeyPairLimits.defaults());
  }

  /**
   * Reads {@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}, {@code DSA PRIVATE KEY} (plain or with the
   * legacy {@code Proc-Type} encryption), {@code PRIVATE KEY} or {@code ENCRYPTED PRIVATE KEY}.
   *
   * @param passphrase the passphrase of an encrypted key; null if none was given (it is not destroyed here)
   * @return the key, always unlocked (PEM keeps no public key in the clear), with an empty comment
   * @throws KeyPairException with the codes the class comment lists
   */
  public static DecodedPrivateKey decode(byte[] text, Passphrase passphrase, KeyPairLimits limits) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(limits, "limits");
    PemBlocks.Block block = PemBlocks.parseSingle(text, limits, WHAT);
    switch (block.label()) {
      case RSA_LABEL:
        return traditional(block, KeyFormat.PEM_RSA_PRIVATE, passphrase, "a PKCS#1 RSAPrivateKey",
            der -> Pkcs1.decodeRsaPrivateKey(der, limits));
      case EC_LABEL:
        return traditional(block, KeyFormat.PEM_EC_PRIVATE, passphrase, "a SEC1 ECPrivateKey",
            der -> Sec1.decode(der, limits));
      case DSA_LABEL:
        return traditional(block, KeyFormat.PEM_DSA_PRIVATE, passphrase, "an OpenSSL DSAPrivateKey",
            der -> decodeDsa(der, limits));
      case PKCS8_LABEL:
        noHeaders(block);
        return decoded(KeyFormat.PEM_PKCS8, parse(block.der(), der -> Pkcs8.decode(der, limits), null), null);
      case ENCRYPTED_PKCS8_LABEL: {
        noHeaders(block);
        Pbes2.Encrypted encrypted = Pbes2.parse(block.der(), limits);
        byte[] plain = encrypted.decrypt(requirePassphrase(passphrase, block));
        return decoded(KeyFormat.PEM_PKCS8_ENCRYPTED,
            parse(plain, der -> Pkcs8.decode(der, limits), "a PKCS#8 PrivateKeyInfo"), encrypted.description());
      }
      default:
        throw otherLabel(block);
    }
  }

  private static DecodedPrivateKey traditional(PemBlocks.Block block, KeyFormat format, Passphrase passphrase,
      String structure, Function<byte[], PrivateKeyData> parser) {
    LegacyPemEncryption encryption = LegacyPemEncryption.fromHeaders(block, WHAT);
    if (encryption == null) {
      return decoded(format, parse(block.der(), parser, null), null);
    }
    encryption.checkCiphertext(block.der(), WHAT);
    byte[] plain = encryption.decrypt(block.der(), requirePassphrase(passphrase, block), WHAT);
    return decoded(format, parse(plain, parser, structure), encryption.description());
  }

  /**
   * Parses {@code der} and wipes it. If it was decrypted ({@code decryptedStructure} names what it should
   * be), DER that does not parse means the passphrase was wrong.
   */
  private static PrivateKeyData parse(byte[] der, Function<byte[], PrivateKeyData> parser,
      String decryptedStructure) {
    try {
      return parser.apply(der);
    } catch (KeyPairException e) {
      if (decryptedStructure != null && e.code().equals(ErrorCode.FORMAT)) {
        throw new KeyPairException(ErrorCode.WRONG_PASSPHRASE, WHAT + ": wrong passphrase (the decrypted data is not "
            + decryptedStructure + ")", e);
      }
      throw e;
    } finally {
      Wipe.wipe("pem-plaintext", der);
    }
  }

  private static DecodedPrivateKey decoded(KeyFormat format, PrivateKeyData key, String encryption) {
    return new DecodedPrivateKey(format, SshPublicKey.of(key.publicKey()), Optional.of(SshPrivateKey.of(key)),
        Optional.ofNullable(encryption));
  }

  private static Passphrase requirePassphrase(Passphrase passphrase, PemBlocks.Block block) {
    if (passphrase == null || passphrase.isEmpty()) {
      throw new KeyPairException(ErrorCode.PASSPHRASE_REQUIRED, WHAT + " at line " + block.beginLine() + " ("
          + block.label() + ") is encrypted and " + (passphrase == null ? "no" : "an empty") + " passphrase was "
          + "given; PEM keeps no public key in the clear, so it cannot be read without one");
    }
    return passphrase;
  }

  private static void noHeaders(PemBlocks.Block block) {
    if (!block.headers().isEmpty()) {
      throw new KeyPairException(ErrorCode.FORMAT, WHAT + " at line " + block.beginLine() + " (" + block.label()
          + ") has headers (" + LegacyPemEncryption.shorten(block.headers().get(0).name())
          + "), which PKCS#8 never has");
    }
  }

  private static KeyPairException otherLabel(PemBlocks.Block block) {
    String label = block.label();
    if (OTHER_KEY_LABELS.contains(label)) {
      return new KeyPairException(ErrorCode.FORMAT, WHAT + " at line " + block.beginLine() + " is " + label
          + ", which this codec does not read; expected " + RSA_LABEL + ", " + EC_LABEL + ", " + DSA_LABEL + ", "
          + PKCS8_LABEL + " or " + ENCRYPTED_PKCS8_LABEL);
    }
    return new KeyPairException(ErrorCode.UNRECOGNIZED_FORMAT, WHAT + " at line " + block.beginLine()
        + " has label '" + block.labelForMessage() + "'; expected " + RSA_LABEL + ", " + EC_LABEL + ", " + DSA_LABEL
        + ", " + PKCS8_LABEL + " or " + ENCRYPTED_PKCS8_LABEL);
  }

  /**
   * OpenSSL's traditional DSA private key ({@code i2d_DSAPrivateKey}), which has no RFC:
   * <pre>
   * DSAPrivateKey ::= SEQUENCE { version INTEGER (0), p INTEGER, q INTEGER, g INTEGER, y INTEGER, x INTEGER }
   * </pre>
   */
  private static DsaPrivateKeyData decodeDsa(byte[] der, KeyPairLimits limits) {
    return Der.decode(der, limits, DSA_STRUCTURE, r -> {
      Der.Reader seq = r.sequence(DSA_STRUCTURE);
      seq.smallInteger("DSAPrivateKey.version", 0);
      BigInteger p = seq.positiveInteger("DSAPrivateKey.p");
      BigInteger q = seq.positiveInteger("DSAPrivateKey.q");
      BigInteger g = seq.positiveInteger("DSAPrivateKey.g");
      BigInteger y = seq.positiveInteger("DSAPrivateKey.y");
      BigInteger x = seq.positiveInteger("DSAPrivateKey.x");
      seq.end();
      return DsaPrivateKeyData.of(DsaKeyData.of(p, q, g, y, limits), x);
    });
  }

  /**
   * Writes {@code key} in PEM. {@link PrivateKeyFormat#PEM}: RSA as {@code RSA PRIVATE KEY}, ECDSA as
   * {@code EC PRIVATE KEY}, encrypted with the legacy headers (AES-256-CBC) if {@code protection} has a
   * passphrase. {@link PrivateKeyFormat#PKCS8}: {@code PRIVATE KEY}, or {@code ENCRYPTED PRIVATE KEY}
   * (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC) with a passphrase. The comment is not written: PEM has none.
   *
   * @return the PEM text, US-ASCII, lines ended by LF
   * @throws KeyPairException {@link ErrorCode#UNREPRESENTABLE} for Ed25519 in {@code PEM};
   *     {@link ErrorCode#UNSUPPORTED_ALGORITHM} for DSA keys, which keypair reads but does not write
   * @throws IllegalArgumentException for a format other than {@code PEM} and {@code PKCS8}
   */
  public static byte[] encode(SshPrivateKey key, PrivateKeyFormat format, KeyProtection protection) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(protection, "protection");
    PrivateKeyData data = key.keyData();
    String label;
    byte[] der;
    if (format == PrivateKeyFormat.PEM) {
      if (data instanceof RsaPrivateKeyData rsa) {
        label = RSA_LABEL;
        der = Pkcs1.encodeRsaPrivateKey(rsa);
      } else if (data instanceof EcdsaPrivateKeyData ec) {
        label = EC_LABEL;
        der = Sec1.encode(ec, true);
      } else if (data instanceof DsaPrivateKeyData) {
        throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, "DSA keys are read but not written by keypair");
      } else {
        throw new KeyPairException(ErrorCode.UNREPRESENTABLE, data.publicKey().algorithmName()
            + " keys have no traditional PEM form (RSA and ECDSA have); write PKCS8 instead");
      }
    } else if (format == PrivateKeyFormat.PKCS8) {
      der = Pkcs8.encode(data);
      label = protection.isEncrypted() ? ENCRYPTED_PKCS8_LABEL : PKCS8_LABEL;
    } else {
      throw new IllegalArgumentException("PemPrivateKeys writes PEM and PKCS8, not " + format);
    }
    try {
      Optional<Passphrase> passphrase = protection.passphrase();
      if (passphrase.isEmpty()) {
        return PemBlocks.encodeBytes(label, der); // no String copy of the key's base64; the encoder wipes its own
      }
      String text = format == PrivateKeyFormat.PEM ? LegacyPemEncryption.encode(label, der, passphrase.get())
          : PemBlocks.encode(label, Pbes2.encrypt(der, passphrase.get(), protection.pbkdf2Iterations()));
      return text.getBytes(StandardCharsets.US_ASCII);
    } finally {
      Wipe.wipe("pem-plaintext", der);
    }
  }

  /**
   * The unencrypted DER PrivateKeyInfo of {@code key}, byte for byte what {@code openssl pkcs8 -topk8
   * -nocrypt -outform DER} writes for the same key file: version 0, no attributes, no public key; RSA
   * values in the order the key holds them (so a key whose primes a tool swapped gives other bytes). The
   * SHA-1 of this is the fingerprint AWS shows for an RSA key pair it created.
   *
   * @return the DER, which holds the private key in the clear (hence the token): wipe it after use
   * @throws KeyPairException {@link ErrorCode#UNSUPPORTED_ALGORITHM} for DSA keys, which keypair does not write
   */
  public static byte[] pkcs8Der(SshPrivateKey key, InsecureSecretAccess access) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(access, "access");
    return Pkcs8.encode(key.keyData());
  }
}
