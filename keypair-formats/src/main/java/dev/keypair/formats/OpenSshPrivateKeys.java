package dev.keypair.formats;

import dev.keypair.core.Comment;
import dev.keypair.core.DsaKeyData;
import dev.keypair.core.DsaPrivateKeyData;
import dev.keypair.core.EcdsaKeyData;
import dev.keypair.core.EcdsaPrivateKeyData;
import dev.keypair.core.Ed25519KeyData;
import dev.keypair.core.Ed25519PrivateKeyData;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.PrivateKeyData;
import dev.keypair.core.RsaKeyData;
import dev.keypair.core.RsaPrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import dev.keypair.core.internal.CoreAccess;
import dev.keypair.core.internal.SshWireReader;
import dev.keypair.core.internal.SshWireWriter;
import dev.keypair.core.internal.Wipe;
import dev.keypair.formats.internal.BcryptPbkdf;
import dev.keypair.formats.internal.OpenSshCipher;
import dev.keypair.formats.internal.PemBlocks;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * OpenSSH's private key file, {@code openssh-key-v1}
 * (<a href="https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.key">PROTOCOL.key</a>):
 * what {@code ssh-keygen} writes by default since OpenSSH 7.8.
 * <pre>
 * -----BEGIN OPENSSH PRIVATE KEY-----
 * base64, 70 characters a line, of:
 *   byte[15]  "openssh-key-v1\0"
 *   string    ciphername       none | aes128-ctr | aes192-ctr | aes256-ctr | aes128-cbc | aes192-cbc | aes256-cbc
 *                              | aes128-gcm@openssh.com | aes256-gcm@openssh.com | chacha20-poly1305@openssh.com | 3des-cbc
 *   string    kdfname          none | bcrypt
 *   string    kdfoptions       empty for none; for bcrypt: string salt, uint32 rounds
 *   uint32    number of keys   always 1
 *   string    public key       the RFC 4251 public key blob
 *   string    private section  encrypted with the cipher, key and IV from bcrypt_pbkdf(passphrase, salt, rounds):
 *     uint32  checkint         random, the same twice: the passphrase check
 *     uint32  checkint
 *     string  key type         as in the public key blob, then the key's fields:
 *                                ssh-rsa:     mpint n, e, d, iqmp, p, q
 *                                ecdsa-sha2-*: string curve, string Q, mpint d
 *                                ssh-ed25519: string public key (32), string seed || public key (64)
 *                                ssh-dss:     mpint p, q, g, y, x
 *     string  comment
 *     byte[]  padding          1, 2, 3, ... up to a multiple of the cipher's block size (8 for none)
 *   byte[16]  tag              only for aes*-gcm@openssh.com and chacha20-poly1305@openssh.com
 * -----END OPENSSH PRIVATE KEY-----
 * </pre>
 *
 * <p><b>Reading</b> ({@link #decode}) checks the envelope completely before any key derivation, in this
 * order: the PEM armour (one block labelled {@code OPENSSH PRIVATE KEY}, no headers; see
 * {@link PemBlocks}); the magic; the cipher and KDF names (unknown: {@link ErrorCode#UNSUPPORTED_ALGORITHM});
 * KDF {@code none} exactly with cipher {@code none} ({@link ErrorCode#FORMAT}); for bcrypt a salt of 1 to {@link KeyPairLimits#maxKdfSaltBytes()} (64)
 * bytes, then rounds from 1 to {@link KeyPairLimits#maxBcryptRounds()} ({@link ErrorCode#RESOURCE_LIMIT}),
 * and nothing else in the options; for none empty options; exactly one key; the public key blob (a
 * plain RSA, ECDSA, Ed25519 or DSA key, else {@link ErrorCode#UNSUPPORTED_ALGORITHM}); the private
 * section a whole number of cipher blocks, at least one, within the file; the 16-byte tag of an AEAD
 * cipher present; nothing after it. Every length is checked against what is left before anything is
 * allocated. Then:
 * <ul>
 *   <li>an encrypted file with a {@code null} passphrase gives its public key alone ({@link
 *       DecodedPrivateKey#isUnlocked()} false) without deriving a key. That public key has no comment:
 *       OpenSSH keeps the comment inside the encrypted section;</li>
 *   <li>an encrypted file with an empty passphrase is {@link ErrorCode#PASSPHRASE_REQUIRED}, again
 *       without a key derivation (bcrypt_pbkdf refuses empty passphrases);</li>
 *   <li>a passphrase given for an unencrypted file is ignored, as ssh-keygen does;</li>
 *   <li>after decryption: an AEAD tag that does not verify, or checkints that differ, in an encrypted
 *       file are {@link ErrorCode#WRONG_PASSPHRASE}; checkints that differ in an unencrypted file are
 *       {@link ErrorCode#CORRUPT_KEY};</li>
 *   <li>the section is read strictly: a key type other than the public key's is {@link ErrorCode#KEY_MISMATCH};
 *       a field past the end of the section, a non-minimal mpint, or a NUL byte in the comment (which
 *       OpenSSH refuses too) is {@link ErrorCode#FORMAT}; an Ed25519 public key of other than 32
 *       bytes or private key of other than 64 is {@link ErrorCode#INVALID_VALUE};</li>
 *   <li>the padding must be exactly {@code 1, 2, 3, ...} and shorter than a cipher block, else
 *       {@link ErrorCode#CORRUPT_KEY}, also in an encrypted file: once the checkints matched, the
 *       passphrase was right and a bad padding is damage;</li>
 *   <li>the key in the section must be the envelope's public key ({@link ErrorCode#KEY_MISMATCH}),
 *       compared field by field before the private key is built; an Ed25519 private key must be
 *       {@code seed || public key} with that public key derived from the seed ({@link ErrorCode#KEY_MISMATCH});
 *       the private key is then validated by keypair-core ({@code p * q = n} and the rest,
 *       {@link ErrorCode#INVALID_VALUE}).</li>
 * </ul>
 * The comment is kept as bytes. {@link DecodedPrivateKey#encryption()} reads like
 * {@code aes256-ctr/bcrypt/16} (cipher, KDF, rounds).
 *
 * <p><b>Writing</b> ({@link #encode}) gives the file ssh-keygen writes for the same key and comment:
 * the same layout, field for field, the base64 wrapped at 70 characters, every line ending in LF; a
 * random checkint; with a passphrase, {@link KeyProtection#openSshCipher()} (any cipher above but
 * {@code 3des-cbc}) with {@link KeyProtection#bcryptRounds()} rounds and a random 16-byte salt. Only the
 * checkint, the salt and the ciphertext differ from ssh-keygen's file. keypair reads DSA keys but does
 * not write them (DESIGN: DSA is for reading only): {@link ErrorCode#UNSUPPORTED_ALGORITHM}. A comment
 * with a NUL byte is {@link ErrorCode#UNREPRESENTABLE}, since OpenSSH could not read it back.
 *
 * <p>Secrets: the passphrase's UTF-8 bytes, the derived key and IV, the decrypted section, the
 * decoded file and the section being written are wiped through {@code Wipe} in {@code finally}
 * blocks, as is bcrypt_pbkdf's state. What cannot be wiped: the {@link BigInteger} components of RSA,
 * ECDSA and DSA keys (and the temporary arrays {@code BigInteger} makes), the key copies inside JCA
 * and BouncyCastle cipher objects, and the base64 text of an unencrypted file, which the PEM reader
 * holds in Strings.
 */
public final class OpenSshPrivateKeys {

  /** The PEM label: {@code -----BEGIN OPENSSH PRIVATE KEY-----}. */
  public static final String PEM_LABEL = "OPENSSH PRIVATE KEY";
  /** The width of the base64 lines ssh-keygen writes. */
  public static final int LINE_WIDTH = 70;

  /** {@code "openssh-key-v1"} with its terminating NUL. */
  static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
  /** The salt length written. */
  static final int SALT_LENGTH = 16;
  static final String KDF_NONE = "none";
  static final String KDF_BCRYPT = "bcrypt";

  private static final String WHAT = "OpenSSH private key";
  private static final String ENVELOPE = "openssh-key-v1";
  private static final String SECTION = "openssh-key-v1 private section";
  private static final int MAX_NAME = 256;
  private static final int MAX_NAME_IN_MESSAGE = 40;
  private static final int ED25519_PRIVATE_LENGTH = 64;
  /** Longest Ed25519 field read before its length is judged (32 and 64 are right; others are INVALID_VALUE). */
  private static final int MAX_ED25519_FIELD = 256;

  private OpenSshPrivateKeys() {}

  private static final class Rng {
    static final SecureRandom INSTANCE = new SecureRandom();
  }

  // ------------------------------------------------------------------------------------------ reading

  /** As {@link #decode(byte[], Passphrase, KeyPairLimits)} with the default limits. */
  public static DecodedPrivateKey decode(byte[] text, Passphrase passphrase) {
    return decode(text, passphrase, KeyPairLimits.defaults());
  }

  /**
   * Reads an OpenSSH private key file.
   *
   * @param text       the file's bytes
   * @param passphrase the passphrase of an encrypted file; with {@code null} an encrypted file gives its
   *                   public key (without comment) and an empty {@link DecodedPrivateKey#privateKey()},
   *                   and no key derivation runs
   * @param limits     the caps (input size, line length, RSA and DSA sizes, bcrypt rounds)
   * @throws KeyPairException with the codes listed on the class
   */
  public static DecodedPrivateKey decode(byte[] text, Passphrase passphrase, KeyPairLimits limits) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(limits, "limits");
    PemBlocks.Block block = PemBlocks.parseSingle(text, limits, WHAT);
    byte[] data = block.der();
    try {
      if (!block.label().equals(PEM_LABEL)) {
        throw new KeyPairException(ErrorCode.FORMAT, WHAT + ": the PEM block is labelled "
            + block.labelForMessage() + ", not " + PEM_LABEL);
      }
      if (!block.headers().isEmpty()) {
        throw new KeyPairException(ErrorCode.FORMAT, WHAT + ": the PEM block has headers; OpenSSH writes none");
      }
      return decodeBinary(data, passphrase, limits);
    } finally {
      Wipe.wipe("openssh-file", data);
    }
  }

  /** Reads the binary {@code openssh-key-v1} structure (the PEM body); does not wipe {@code data}. */
  static DecodedPrivateKey decodeBinary(byte[] data, Passphrase passphrase, KeyPairLimits limits) {
    if (data.length < MAGIC.length || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new KeyPairException(ErrorCode.FORMAT, WHAT + ": the data does not start with \"openssh-key-v1\\0\"");
    }
    SshWireReader r = new SshWireReader(data, MAGIC.length, data.length - MAGIC.length, ENVELOPE);
    String cipherName = r.readName("ciphername", MAX_NAME);
    OpenSshCipher cipher = OpenSshCipher.fromName(cipherName).orElseThrow(() -> new KeyPairException(
        ErrorCode.UNSUPPORTED_ALGORITHM, WHAT + ": unknown cipher " + forMessage(cipherName)));
    String kdfName = r.readName("kdfname", MAX_NAME);
    boolean bcrypt = kdfName.equals(KDF_BCRYPT);
    if (!bcrypt && !kdfName.equals(KDF_NONE)) {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, WHAT + ": unknown KDF " + forMessage(kdfName));
    }
    if (bcrypt == (cipher == OpenSshCipher.NONE)) {
      throw new KeyPairException(ErrorCode.FORMAT, WHAT + ": KDF " + kdfName + " with cipher " + cipherName
          + " (bcrypt goes with a cipher, none with none)");
    }

    SshWireReader kdf = r.readNested("kdfoptions", ENVELOPE + " kdfoptions");
    byte[] salt = null;
    int rounds = 0;
    if (bcrypt) {
      salt = kdf.readString("salt", limits.maxKdfSaltBytes());
      if (salt.length == 0) {
        throw kdf.error("the salt is empty");
      }
      long declaredRounds = kdf.readUint32("rounds");
      KeyPairLimits.checkKdfParameter(WHAT + " bcrypt rounds", declaredRounds, limits.maxBcryptRounds());
      rounds = (int) declaredRounds;
      kdf.requireEnd();
    } else if (kdf.hasRemaining()) {
      throw kdf.error("KDF none takes no options, but " + kdf.remaining() + " bytes are given");
    }

    long nkeys = r.readUint32("number of keys");
    if (nkeys != 1) {
      throw new KeyPairException(ErrorCode.FORMAT, WHAT + ": the file declares " + nkeys
          + " keys; OpenSSH key files hold exactly one");
    }
    long blob = r.skipString("public key");
    KeyData publicKey = KeyData.fromBlob(data, (int) (blob >>> 32), (int) blob, limits);
    if (!(publicKey instanceof RsaKeyData || publicKey instanceof EcdsaKeyData || publicKey instanceof Ed25519KeyData
        || publicKey instanceof DsaKeyData)) {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, WHAT + ": keypair reads RSA, ECDSA, Ed25519 and "
          + "DSA private keys, not " + forMessage(publicKey.algorithmName()));
    }
    long section = r.skipString("private section");
    int sectionOffset = (int) (section >>> 32);
    int sectionLength = (int) section;
    if (sectionLength < cipher.blockSize() || sectionLength % cipher.blockSize() != 0) {
      throw new KeyPairException(ErrorCode.FORMAT, WHAT + ": the private section is " + sectionLength
          + " bytes, not a positive multiple of the " + cipher.sshName() + " block size " + cipher.blockSize());
    }
    if (r.remaining() < cipher.tagLength()) {
      throw new KeyPairException(ErrorCode.FORMAT, WHAT + ": the " + cipher.sshName() + " authentication tag is "
          + "missing (" + r.remaining() + " of " + cipher.tagLength() + " bytes)");
    }
    if (r.remaining() > cipher.tagLength()) {
      throw new KeyPairException(ErrorCode.FORMAT, WHAT + ": " + (r.remaining() - cipher.tagLength())
          + " trailing bytes after the private section");
    }

    boolean encrypted = cipher != OpenSshCipher.NONE;
    Optional<String> encryption = encrypted
        ? Optional.of(cipher.sshName() + "/" + KDF_BCRYPT + "/" + rounds) : Optional.empty();
    if (encrypted && passphrase == null) {
      return new DecodedPrivateKey(KeyFormat.OPENSSH_PRIVATE, SshPublicKey.of(publicKey), Optional.empty(),
          encryption);
    }
    if (encrypted && passphrase.isEmpty()) {
      throw new KeyPairException(ErrorCode.PASSPHRASE_REQUIRED,
          WHAT + " is encrypted (" + encryption.get() + ") and the passphrase given is empty");
    }

    byte[] pass = null;
    byte[] keyAndIv = null;
    byte[] plain = null;
    try {
      if (encrypted) {
        pass = CoreAccess.utf8(passphrase);
        keyAndIv = BcryptPbkdf.derive(pass, salt, rounds, cipher.kdfOutputLength());
      } else {
        keyAndIv = new byte[0];
      }
      plain = cipher.decrypt(keyAndIv, data, sectionOffset, sectionLength);
      return readSection(plain, cipher, publicKey, encryption, limits);
    } finally {
      Wipe.wipe("openssh-passphrase", pass);
      Wipe.wipe("openssh-kdf-output", keyAndIv);
      Wipe.wipe("openssh-decrypted-section", plain);
    }
  }

  private static DecodedPrivateKey readSection(byte[] plain, OpenSshCipher cipher, KeyData publicKey,
      Optional<String> encryption, KeyPairLimits limits) {
    SshWireReader s = new SshWireReader(plain, SECTION);
    long check1 = s.readUint32("checkint");
    long check2 = s.readUint32("checkint");
    if ((check1 ^ check2) != 0) {
      throw encryption.isPresent()
          ? new KeyPairException(ErrorCode.WRONG_PASSPHRASE, "the passphrase does not decrypt the " + WHAT
              + " (the check integers differ)")
          : new KeyPairException(ErrorCode.CORRUPT_KEY, WHAT + " is corrupt: the check integers differ");
    }
    String type = s.readName("key type", MAX_NAME);
    if (!type.equals(publicKey.algorithmName())) {
      throw new KeyPairException(ErrorCode.KEY_MISMATCH, WHAT + ": the private key is " + forMessage(type)
          + " but the public key is " + publicKey.algorithmName());
    }
    PendingKey pending = readFields(s, publicKey, limits);
    try {
      byte[] comment = s.readString("comment");
      for (byte b : comment) {
        if (b == 0) {
          throw s.error("the comment holds a NUL byte");
        }
      }
      checkPadding(s, cipher);
      PrivateKeyData key = pending.build();
      SshPrivateKey privateKey = SshPrivateKey.of(key, Comment.ofBytes(comment));
      return new DecodedPrivateKey(KeyFormat.OPENSSH_PRIVATE, privateKey.publicKey(), Optional.of(privateKey),
          encryption);
    } finally {
      pending.wipe();
    }
  }

  /** The padding after the comment: {@code 1, 2, 3, ...}, shorter than a block. */
  private static void checkPadding(SshWireReader s, OpenSshCipher cipher) {
    int n = s.remaining();
    if (n >= cipher.blockSize()) {
      throw new KeyPairException(ErrorCode.CORRUPT_KEY, WHAT + " is corrupt: " + n + " bytes after the comment, "
          + "more padding than a " + cipher.sshName() + " block of " + cipher.blockSize() + " needs");
    }
    int diff = 0;
    for (int i = 1; i <= n; i++) {
      diff |= s.readByte("padding") ^ i;
    }
    if (diff != 0) {
      throw new KeyPairException(ErrorCode.CORRUPT_KEY, WHAT + " is corrupt: the padding after the comment is not "
          + "1, 2, 3, ...");
    }
  }

  /** A private key's fields as read, checked against the envelope's public key only when built. */
  private interface PendingKey {
    PrivateKeyData build();

    default void wipe() {}
  }

  private static KeyPairException mismatch(String what) {
    return new KeyPairException(ErrorCode.KEY_MISMATCH,
        WHAT + ": the private key's " + what + " differs from the public key's");
  }

  private static PendingKey readFields(SshWireReader s, KeyData publicKey, KeyPairLimits limits) {
    if (publicKey instanceof RsaKeyData) {
      int max = limits.rsaMaxBits();
      BigInteger n = s.readMpint("n", max);
      BigInteger e = s.readMpint("e", max);
      BigInteger d = s.readMpint("d", max);
      BigInteger iqmp = s.readMpint("iqmp", max);
      BigInteger p = s.readMpint("p", max);
      BigInteger q = s.readMpint("q", max);
      RsaKeyData rsa = (RsaKeyData) publicKey;
      return () -> {
        if (!rsa.modulus().equals(n) || !rsa.publicExponent().equals(e)) {
          throw mismatch("modulus or public exponent");
        }
        return RsaPrivateKeyData.of(rsa, d, p, q, iqmp, limits);
      };
    }
    if (publicKey instanceof EcdsaKeyData) {
      EcdsaKeyData ec = (EcdsaKeyData) publicKey;
      String curve = s.readName("curve", MAX_NAME);
      byte[] q = s.readString("Q", 1 + 2 * ec.curve().coordinateLength());
      BigInteger d = s.readMpint("d", ec.curve().order().bitLength());
      return () -> {
        if (!curve.equals(ec.curve().sshName())) {
          throw mismatch("curve");
        }
        if (!MessageDigest.isEqual(q, ec.point())) {
          throw mismatch("point Q");
        }
        return EcdsaPrivateKeyData.of(ec, d);
      };
    }
    if (publicKey instanceof Ed25519KeyData) {
      byte[] pk = s.readString("public key", MAX_ED25519_FIELD);
      byte[] sk = s.readString("private key", MAX_ED25519_FIELD);
      return new PendingEd25519((Ed25519KeyData) publicKey, pk, sk);
    }
    DsaKeyData dsa = (DsaKeyData) publicKey;
    int max = limits.dsaMaxBits();
    BigInteger p = s.readMpint("p", max);
    BigInteger q = s.readMpint("q", max);
    BigInteger g = s.readMpint("g", max);
    BigInteger y = s.readMpint("y", max);
    BigInteger x = s.readMpint("x", max);
    return () -> {
      if (!dsa.p().equals(p) || !dsa.q().equals(q) || !dsa.g().equals(g) || !dsa.y().equals(y)) {
        throw mismatch("p, q, g or y");
      }
      return DsaPrivateKeyData.of(dsa, x);
    };
  }

  /** Ed25519: {@code string pk (32)}, {@code string sk (64) = seed || pk}. */
  private static final class PendingEd25519 implements PendingKey {
    private final Ed25519KeyData envelope;
    private final byte[] pk;
    private final byte[] sk;

    PendingEd25519(Ed25519KeyData envelope, byte[] pk, byte[] sk) {
      this.envelope = envelope;
      this.pk = pk;
      this.sk = sk;
      if (pk.length != Ed25519KeyData.KEY_LENGTH) {
        wipe();
        throw new KeyPairException(ErrorCode.INVALID_VALUE, WHAT + ": the Ed25519 public key in the private section "
            + "is " + pk.length + " bytes, not " + Ed25519KeyData.KEY_LENGTH);
      }
      if (sk.length != ED25519_PRIVATE_LENGTH) {
        wipe();
        throw new KeyPairException(ErrorCode.INVALID_VALUE, WHAT + ": the Ed25519 private key is " + sk.length
            + " bytes, not " + ED25519_PRIVATE_LENGTH + " (seed and public key)");
      }
    }

    @Override
    public PrivateKeyData build() {
      if (!MessageDigest.isEqual(pk, envelope.keyBytes())) {
        throw mismatch("Ed25519 public key");
      }
      if (!MessageDigest.isEqual(Arrays.copyOfRange(sk, Ed25519PrivateKeyData.SEED_LENGTH, ED25519_PRIVATE_LENGTH),
          pk)) {
        throw new KeyPairException(ErrorCode.KEY_MISMATCH,
            WHAT + ": the Ed25519 private key does not end with its public key");
      }
      byte[] seed = Arrays.copyOf(sk, Ed25519PrivateKeyData.SEED_LENGTH);
      try {
        return Ed25519PrivateKeyData.of(envelope, seed);
      } finally {
        Wipe.wipe("openssh-ed25519-seed", seed);
      }
    }

    @Override
    public void wipe() {
      Wipe.wipe("openssh-ed25519-sk", sk);
    }
  }

  // ------------------------------------------------------------------------------------------ writing

  /**
   * The file ssh-keygen would write for this key and comment: {@code openssh-key-v1} in the PEM
   * armour, base64 70 characters wide, LF line ends.
   *
   * @param key        an RSA, ECDSA or Ed25519 key (its comment is written too)
   * @param protection {@link KeyProtection#none} or a passphrase with the OpenSSH cipher and bcrypt
   *                   rounds to use
   * @throws KeyPairException {@link ErrorCode#UNSUPPORTED_ALGORITHM} for a DSA key,
   *     {@link ErrorCode#UNREPRESENTABLE} for a comment with a NUL byte
   * @throws IllegalArgumentException if the protection names a cipher keypair does not write (unknown,
   *     {@code none} with a passphrase, or {@code 3des-cbc})
   */
  public static byte[] encode(SshPrivateKey key, KeyProtection protection) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(protection, "protection");
    PrivateKeyData keyData = key.keyData();
    if (keyData instanceof DsaPrivateKeyData) {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM,
          "keypair reads DSA private keys but does not write them");
    }
    byte[] comment = CoreAccess.array(key.comment().bytes());
    if (indexOfNul(comment) >= 0) {
      throw new KeyPairException(ErrorCode.UNREPRESENTABLE,
          WHAT + " comments cannot hold a NUL byte (OpenSSH reads them as C strings)");
    }
    OpenSshCipher cipher = OpenSshCipher.NONE;
    if (protection.isEncrypted()) {
      String name = protection.openSshCipher();
      cipher = OpenSshCipher.fromName(name).filter(c -> c != OpenSshCipher.NONE && c.isWritable())
          .orElseThrow(() -> new IllegalArgumentException("keypair does not write OpenSSH keys with cipher " + name));
    }
    byte[] plain = privateSection(keyData, comment, Rng.INSTANCE.nextInt(), cipher.blockSize());
    byte[] pass = null;
    byte[] keyAndIv = null;
    byte[] encrypted = null;
    byte[] binary = null;
    try {
      byte[] kdfOptions;
      if (protection.isEncrypted()) {
        byte[] salt = new byte[SALT_LENGTH];
        Rng.INSTANCE.nextBytes(salt);
        pass = CoreAccess.utf8(protection.passphrase().orElseThrow());
        keyAndIv = BcryptPbkdf.derive(pass, salt, protection.bcryptRounds(), cipher.kdfOutputLength());
        kdfOptions = new SshWireWriter(32).writeString(salt).writeUint32(protection.bcryptRounds()).toByteArray();
      } else {
        keyAndIv = new byte[0];
        kdfOptions = new byte[0];
      }
      encrypted = cipher.encrypt(keyAndIv, plain);
      binary = envelope(cipher.sshName(), protection.isEncrypted() ? KDF_BCRYPT : KDF_NONE, kdfOptions,
          CoreAccess.array(keyData.publicKey().blob()), plain.length, encrypted);
      return PemBlocks.encodeBytes(PEM_LABEL, binary, LINE_WIDTH);
    } finally {
      Wipe.wipe("openssh-private-section", plain);
      Wipe.wipe("openssh-passphrase", pass);
      Wipe.wipe("openssh-kdf-output", keyAndIv);
      Wipe.wipe("openssh-encrypted-section", encrypted);
      Wipe.wipe("openssh-file", binary);
    }
  }

  private static int indexOfNul(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The binary file: magic, names, KDF options, one public key, the section's plaintext length and
   * the encrypted section with its tag (the tag is outside the length).
   */
  static byte[] envelope(String cipherName, String kdfName, byte[] kdfOptions, byte[] publicBlob, int sectionLength,
      byte[] encryptedWithTag) {
    int size = MAGIC.length + 4 + cipherName.length() + 4 + kdfName.length() + 4 + kdfOptions.length + 4 + 4
        + publicBlob.length + 4 + encryptedWithTag.length;
    SshWireWriter w = new SshWireWriter(size);
    w.writeRaw(MAGIC).writeString(cipherName).writeString(kdfName).writeString(kdfOptions).writeUint32(1)
        .writeString(publicBlob).writeUint32(sectionLength).writeRaw(encryptedWithTag);
    byte[] out = w.toByteArray();
    w.wipe();
    return out;
  }

  /**
   * The plaintext private section: the checkint twice, the key's fields, the comment and the padding
   * {@code 1, 2, 3, ...} to a multiple of {@code blockSize}. The caller wipes it.
   */
  static byte[] privateSection(PrivateKeyData key, byte[] comment, int checkint, int blockSize) {
    // sized so that the writer never grows: growing would leave copies of the secrets behind
    SshWireWriter w = new SshWireWriter(256 + comment.length + 6 * (key.bits() / 8 + 8));
    try {
      w.writeUint32(checkint & 0xffffffffL).writeUint32(checkint & 0xffffffffL);
      writePrivateFields(w, key);
      w.writeString(comment);
      for (int i = 1; w.size() % blockSize != 0; i++) {
        w.writeByte(i);
      }
      return w.toByteArray();
    } finally {
      w.wipe();
    }
  }

  /** The key type and fields of {@code key} as the private section holds them (DSA too, for tests). */
  static void writePrivateFields(SshWireWriter w, PrivateKeyData key) {
    InsecureSecretAccess access = InsecureSecretAccess.get();
    KeyData pub = key.publicKey();
    w.writeString(pub.algorithmName());
    if (key instanceof RsaPrivateKeyData) {
      RsaPrivateKeyData rsa = (RsaPrivateKeyData) key;
      RsaKeyData p = rsa.publicKey();
      w.writeMpint(p.modulus()).writeMpint(p.publicExponent()).writeMpint(rsa.privateExponent(access))
          .writeMpint(rsa.crtCoefficient(access)).writeMpint(rsa.primeP(access)).writeMpint(rsa.primeQ(access));
    } else if (key instanceof EcdsaPrivateKeyData) {
      EcdsaPrivateKeyData ec = (EcdsaPrivateKeyData) key;
      w.writeString(ec.curve().sshName()).writeString(ec.publicKey().point()).writeMpint(ec.privateScalar(access));
    } else if (key instanceof Ed25519PrivateKeyData) {
      Ed25519PrivateKeyData ed = (Ed25519PrivateKeyData) key;
      byte[] pk = ed.publicKey().keyBytes();
      byte[] seed = ed.seed(access);
      byte[] sk = Arrays.copyOf(seed, ED25519_PRIVATE_LENGTH);
      System.arraycopy(pk, 0, sk, Ed25519PrivateKeyData.SEED_LENGTH, pk.length);
      w.writeString(pk).writeString(sk);
      Wipe.wipe("openssh-ed25519-seed", seed);
      Wipe.wipe("openssh-ed25519-sk", sk);
    } else if (key instanceof DsaPrivateKeyData) {
      DsaPrivateKeyData dsa = (DsaPrivateKeyData) key;
      DsaKeyData p = dsa.publicKey();
      w.writeMpint(p.p()).writeMpint(p.q()).writeMpint(p.g()).writeMpint(p.y()).writeMpint(dsa.privateValue(access));
    } else {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM,
          WHAT + ": no private key encoding for " + pub.algorithmName());
    }
  }

  /** A name from the file for a message: printable ASCII already (readName checked), shortened. */
  private static String forMessage(String name) {
    return name.length() <= MAX_NAME_IN_MESSAGE ? name : name.substring(0, MAX_NAME_IN_MESSAGE) + "...";
  }
}
