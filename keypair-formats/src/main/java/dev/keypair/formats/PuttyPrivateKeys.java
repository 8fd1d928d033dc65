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
import dev.keypair.core.internal.Wipe;
import dev.keypair.formats.PpkCrypto.Argon2Params;
import dev.keypair.formats.PpkCrypto.Keys;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;

/**
 * PuTTY's private key files ({@code .ppk}), versions 3 (PuTTY 0.75 and later, Argon2) and 2 (PuTTY
 * 0.52 to 0.74): read with their MAC checked, and written exactly as puttygen writes them. The
 * format is appendix C of the PuTTY manual,
 * <a href="https://the.earth.li/~sgtatham/putty/latest/htmldoc/AppendixC.html">"PPK file format"</a>:
 * <pre>
 * PuTTY-User-Key-File-3: ssh-ed25519
 * Encryption: aes256-cbc                  (or none)
 * Comment: me@host                        (any bytes but CR and LF)
 * Public-Lines: 2                         (then the public key blob in base64, 64 characters a line)
 * AAAAC3NzaC1lZDI1NTE5AAAAIP9Knq6yxsLL9tWduq0/2BcH7KNTR45o47s9f4if
 * qkoc
 * Key-Derivation: Argon2id                (these five: version 3 and encrypted only)
 * Argon2-Memory: 8192                     (KiB)
 * Argon2-Passes: 34
 * Argon2-Parallelism: 1
 * Argon2-Salt: 2d6c62117b4f583788de940235314f11
 * Private-Lines: 1                        (then the private blob in base64, encrypted or not)
 * ...
 * Private-MAC: 64 hex digits              (40 in version 2)
 * </pre>
 * The private blob holds what the public blob does not: RSA {@code mpint d, p, q, iqmp}; DSA
 * {@code mpint x}; ECDSA {@code mpint d}; Ed25519 {@code string seed} (32 bytes). Encrypted, it is
 * padded to a multiple of 16 bytes and encrypted with AES-256-CBC. Version 3 derives the cipher key,
 * IV and MAC key (32 + 16 + 32 bytes) from the passphrase with Argon2; version 2 derives them with
 * SHA-1, and its IV is zero. The MAC (HMAC-SHA-256 in version 3, HMAC-SHA-1 in version 2, keyed even
 * when the file is not encrypted) covers the algorithm, the encryption, the comment, the public blob
 * and the private blob in the clear with its padding: neither the comment nor the public key can be
 * changed without the passphrase.
 *
 * <p>Reading, in this order: the input size and line caps; the headers, in their fixed order, with
 * line counts that are plain decimal numbers and no more than the lines there are; the Argon2 costs
 * against {@link KeyPairLimits} ({@link ErrorCode#RESOURCE_LIMIT}, before anything is allocated for
 * them); the public blob, whose algorithm must be the header's ({@link ErrorCode#TYPE_MISMATCH}).
 * Without a passphrase an encrypted file gives its public key and comment, which are in the clear,
 * and no private key; no key derivation runs. Then the key derivation, decryption and the MAC,
 * compared in constant time <em>before</em> the private blob is parsed: a wrong MAC is
 * {@link ErrorCode#WRONG_PASSPHRASE} when the file is encrypted and {@link ErrorCode#CORRUPT_KEY} when
 * it is not. Last, the private key, checked against the public one by the key model
 * ({@link ErrorCode#KEY_MISMATCH}, {@link ErrorCode#INVALID_VALUE}).
 *
 * <p>Where PuTTY is lenient keypair is strict: a file must be exactly one key, with nothing but blank
 * lines after {@code Private-MAC}; numbers have no sign, spaces or leading zeros; {@code Private-MAC} is
 * lowercase hex, as PuTTY writes and compares it; the padding of an encrypted blob is shorter than one
 * block and an unencrypted blob has none; an Argon2 salt has at least 8 bytes and the memory is at least
 * 8 KiB per lane (RFC 9106; below that puttygen 0.78 computes something else, or crashes). Version 1
 * (never in a PuTTY release) and unknown versions are {@link ErrorCode#UNSUPPORTED_ALGORITHM}, as are
 * other ciphers, key derivations and key types (Ed448).
 *
 * <p>Writing lays a file out byte for byte as puttygen 0.78 does: LF line ends, the padding of an
 * encrypted blob taken from the SHA-1 of the blob (as puttygen does; the manual says only "random"),
 * a 16-byte random salt. An unencrypted file, and an encrypted version 2 file, are identical to
 * puttygen's for the same key, comment and passphrase; an encrypted version 3 file differs only in its
 * salt, and so in its ciphertext and MAC. RSA primes are written in the order the key gives them:
 * puttygen, importing a key with {@code p < q}, swaps them (and recomputes {@code iqmp}), so its file
 * of such a key differs from keypair's in the private blob and MAC, and reads back as a key with the
 * primes swapped, which is not {@link SshPrivateKey#sameKey sameKey} to the original although it is
 * the same RSA key pair. DSA keys are read, never written.
 *
 * <p>Secrets: the passphrase's bytes, the derived key material and every buffer that holds the private
 * blob in the clear are wiped when the call returns (see {@link Wipe}). Not wiped: the lines of the
 * input, which the line reader turns into Strings (for an unencrypted
 * file they hold the private key in base64, as the input itself does), the JCA cipher and MAC objects,
 * and the key's {@link BigInteger} components.
 */
public final class PuttyPrivateKeys {

  private static final int SALT_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PuttyPrivateKeys() {}

  /** Reads a PPK file with the default {@link KeyPairLimits}; see {@link #decode(byte[], Passphrase, KeyPairLimits)}. */
  public static DecodedPrivateKey decode(byte[] text, Passphrase passphrase) {
    return decode(text, passphrase, KeyPairLimits.defaults());
  }

  /**
   * Reads a PPK file, version 2 or 3.
   *
   * <p>With {@code passphrase == null} an encrypted file gives its public key and comment (both in the
   * clear), {@code privateKey()} empty, and no key derivation runs. An empty passphrase on an encrypted
   * file is {@link ErrorCode#PASSPHRASE_REQUIRED}. The passphrase of an unencrypted file is ignored.
   * The Argon2 costs of an encrypted file are checked against {@code limits} whether or not a
   * passphrase is given: a file that could not be opened is refused as a whole.
   *
   * @throws KeyPairException on any malformed, unsupported, tampered or over-limit input, or a wrong
   *     passphrase; see the class comment for the codes
   */
  public static DecodedPrivateKey decode(byte[] text, Passphrase passphrase, KeyPairLimits limits) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(limits, "limits");
    PpkFile file = PpkFile.parse(text, limits);
    byte[] plain = file.encrypted ? null : file.privateData;
    try {
      KeyData pub = publicKey(file, limits);
      Comment comment = Comment.ofBytes(file.comment);
      KeyFormat format = file.version == 2 ? KeyFormat.PPK_V2 : KeyFormat.PPK_V3;
      Optional<String> encryption = Optional.ofNullable(file.encryptionDescription());
      if (file.encrypted) {
        if (passphrase == null) {
          return new DecodedPrivateKey(format, SshPublicKey.of(pub, comment), Optional.empty(), encryption);
        }
        if (passphrase.isEmpty()) {
          throw new KeyPairException(ErrorCode.PASSPHRASE_REQUIRED,
              "the PPK file is encrypted and the passphrase given is empty");
        }
      }
      plain = unlock(file, passphrase);
      PrivateKeyData data = parsePrivate(pub, plain, file.encrypted, limits);
      return new DecodedPrivateKey(format, SshPublicKey.of(pub, comment),
          Optional.of(SshPrivateKey.of(data, comment)), encryption);
    } finally {
      Wipe.wipe("ppk-private-blob", plain);
    }
  }

  /** The public key of the file, whose algorithm must be the header's and one PuTTY keys can have. */
  private static KeyData publicKey(PpkFile file, KeyPairLimits limits) {
    KeyData pub = KeyData.fromBlob(file.publicBlob, limits);
    if (!pub.algorithmName().equals(file.algorithm)) {
      throw new KeyPairException(ErrorCode.TYPE_MISMATCH,
          "the PPK header names another algorithm than its public key blob (" + pub.algorithmName() + ")");
    }
    if (!(pub instanceof RsaKeyData || pub instanceof DsaKeyData || pub instanceof EcdsaKeyData
        || pub instanceof Ed25519KeyData)) {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM,
          "PPK keys of type " + pub.algorithmName() + " are not supported");
    }
    return pub;
  }

  /**
   * Derives the keys, decrypts and checks the MAC, in constant time; returns the private blob in the
   * clear (the caller wipes it). Nothing in the blob is read here.
   */
  private static byte[] unlock(PpkFile file, Passphrase passphrase) {
    byte[] pw = file.encrypted ? CoreAccess.utf8(passphrase) : new byte[0];
    byte[] plain = null;
    try (Keys keys = PpkCrypto.derive(file.version, file.encrypted, file.argon2, pw)) {
      plain = file.encrypted
          ? PemCipher.AES_256_CBC.unpadded(Cipher.DECRYPT_MODE, keys.cipherKey, keys.iv, file.privateData)
          : file.privateData;
      byte[] mac = PpkCrypto.mac(file.version, keys.macKey, file.algorithm, file.encryptionName(), file.comment,
          file.publicBlob, plain);
      if (!MessageDigest.isEqual(mac, file.mac)) {
        throw file.encrypted
            ? new KeyPairException(ErrorCode.WRONG_PASSPHRASE, "wrong passphrase for the PPK file (its MAC does not match)")
            : new KeyPairException(ErrorCode.CORRUPT_KEY, "the PPK file's MAC does not match: the file was changed");
      }
      return plain;
    } catch (RuntimeException e) {
      if (plain != file.privateData) {
        Wipe.wipe("ppk-private-blob", plain);
      }
      throw e;
    } finally {
      Wipe.wipe("ppk-passphrase", pw);
    }
  }

  /**
   * The private key from the blob in the clear and its public key. The padding (encrypted files) must
   * be shorter than one block; an unencrypted blob has none. Checked before the key is built.
   */
  private static PrivateKeyData parsePrivate(KeyData pub, byte[] blob, boolean encrypted, KeyPairLimits limits) {
    SshWireReader r = new SshWireReader(blob, "PPK private key blob");
    if (pub instanceof RsaKeyData rsa) {
      int max = limits.rsaMaxBits();
      BigInteger d = r.readMpint("d", max);
      BigInteger p = r.readMpint("p", max);
      BigInteger q = r.readMpint("q", max);
      BigInteger iqmp = r.readMpint("iqmp", max);
      checkPadding(r, encrypted);
      return RsaPrivateKeyData.of(rsa, d, p, q, iqmp, limits);
    }
    if (pub instanceof DsaKeyData dsa) {
      BigInteger x = r.readMpint("x", limits.dsaMaxBits());
      checkPadding(r, encrypted);
      return DsaPrivateKeyData.of(dsa, x);
    }
    if (pub instanceof EcdsaKeyData ec) {
      BigInteger d = r.readMpint("d", ec.curve().bits() + 8);
      checkPadding(r, encrypted);
      return EcdsaPrivateKeyData.of(ec, d);
    }
    byte[] seed = r.readString("private key", 1024);
    try {
      checkPadding(r, encrypted);
      return Ed25519PrivateKeyData.of((Ed25519KeyData) pub, seed);
    } finally {
      Wipe.wipe("ppk-ed25519-seed", seed);
    }
  }

  /** Bad padding after the MAC has passed is a damaged (or maliciously made) file: CORRUPT_KEY, as OpenSSH's. */
  private static void checkPadding(SshWireReader r, boolean encrypted) {
    if (encrypted ? r.remaining() >= PpkCrypto.BLOCK : r.hasRemaining()) {
      throw new KeyPairException(ErrorCode.CORRUPT_KEY, "PPK private key blob: " + r.remaining()
          + " bytes after the private key at offset " + r.offset()
          + (encrypted ? ", more than the padding to one block" : " of an unencrypted blob, which has no padding"));
    }
  }

  // ---------------------------------------------------------------- writing

  /** Writes {@code key} as {@link PrivateKeyFormat#PPK} (version 3) or {@link PrivateKeyFormat#PPK2}. */
  public static byte[] encode(SshPrivateKey key, PrivateKeyFormat format, KeyProtection protection) {
    Objects.requireNonNull(format, "format");
    if (format != PrivateKeyFormat.PPK && format != PrivateKeyFormat.PPK2) {
      throw new IllegalArgumentException("not a PPK format: " + format);
    }
    return encode(key, format == PrivateKeyFormat.PPK ? 3 : 2, protection);
  }

  /**
   * Writes {@code key} as a PPK file of {@code version} 3 ({@link PrivateKeyFormat#PPK}) or 2
   * ({@link PrivateKeyFormat#PPK2}), laid out exactly as puttygen lays it out; encrypted with the
   * protection's passphrase and, for version 3, its Argon2 settings (version 2 has none).
   *
   * @throws KeyPairException {@link ErrorCode#UNREPRESENTABLE} for a comment with CR, LF or NUL;
   *     {@link ErrorCode#UNSUPPORTED_ALGORITHM} for a DSA key (read only)
   * @throws IllegalArgumentException for another version, or Argon2 memory under 8 KiB per lane
   */
  public static byte[] encode(SshPrivateKey key, int version, KeyProtection protection) {
    return encode(key, version, protection, null);
  }

  /** {@link #encode(SshPrivateKey, int, KeyProtection)} with a given Argon2 salt (null: random); for tests. */
  static byte[] encode(SshPrivateKey key, int version, KeyProtection protection, byte[] salt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(protection, "protection");
    if (key.comment().hasLineBreakOrNul()) {
      throw new KeyPairException(ErrorCode.UNREPRESENTABLE, "a PPK comment cannot hold CR, LF or NUL");
    }
    byte[] priv = privateBlob(key.keyData());
    try {
      KeyData pub = key.keyData().publicKey();
      return assemble(version, pub.algorithmName(), key.comment().bytes().toByteArray(),
          pub.blob().toByteArray(), priv, protection, salt);
    } finally {
      Wipe.wipe("ppk-private-blob", priv);
    }
  }

  /**
   * The file of the given fields, with any private blob: pads, derives the keys, MACs and encrypts as
   * puttygen does. {@link #encode} uses it; tests use it to build files that are malformed inside but
   * carry a valid MAC.
   */
  static byte[] assemble(int version, String algorithm, byte[] comment, byte[] publicBlob, byte[] privateBlob,
      KeyProtection protection, byte[] salt) {
    if (version != 2 && version != 3) {
      throw new IllegalArgumentException("PPK version must be 2 or 3: " + version);
    }
    boolean encrypted = protection.isEncrypted();
    Argon2Params argon2 = null;
    if (version == 3 && encrypted) {
      if (protection.argon2MemoryKiB() < 8L * protection.argon2Parallelism()) {
        throw new IllegalArgumentException("Argon2 memory must be at least 8 KiB per lane: "
            + protection.argon2MemoryKiB() + " KiB for " + protection.argon2Parallelism());
      }
      byte[] s = salt;
      if (s == null) {
        s = new byte[SALT_BYTES];
        RANDOM.nextBytes(s);
      }
      argon2 = new Argon2Params(protection.argon2Variant(), protection.argon2MemoryKiB(), protection.argon2Passes(),
          protection.argon2Parallelism(), s);
    }
    byte[] padded = encrypted ? pad(privateBlob) : privateBlob;
    byte[] pw = encrypted ? CoreAccess.utf8(protection.passphrase().orElseThrow()) : new byte[0];
    byte[] stored = null;
    try (Keys keys = PpkCrypto.derive(version, encrypted, argon2, pw)) {
      String encryption = encrypted ? PpkFile.AES256_CBC : PpkFile.NONE;
      byte[] mac = PpkCrypto.mac(version, keys.macKey, algorithm, encryption, comment, publicBlob, padded);
      stored = encrypted ? PemCipher.AES_256_CBC.unpadded(Cipher.ENCRYPT_MODE, keys.cipherKey, keys.iv, padded)
          : padded;
      return new PpkFile(version, algorithm, encrypted, comment, publicBlob, argon2, stored, mac).toText();
    } finally {
      Wipe.wipe("ppk-passphrase", pw);
      if (padded != privateBlob) {
        Wipe.wipe("ppk-private-blob", padded);
      }
    }
  }

  /**
   * The blob padded to a multiple of 16 bytes with the first bytes of its SHA-1, as puttygen pads it
   * (in versions 2 and 3; the manual calls the padding random).
   */
  private static byte[] pad(byte[] blob) {
    int length = (blob.length + PpkCrypto.BLOCK - 1) / PpkCrypto.BLOCK * PpkCrypto.BLOCK;
    byte[] padded = Arrays.copyOf(blob, length);
    byte[] hash = PpkCrypto.sha1(blob);
    System.arraycopy(hash, 0, padded, blob.length, length - blob.length);
    Wipe.wipe("ppk-padding-hash", hash);
    return padded;
  }

  /** RSA {@code mpint d, p, q, iqmp}; ECDSA {@code mpint d}; Ed25519 {@code string seed}. */
  private static byte[] privateBlob(PrivateKeyData key) {
    InsecureSecretAccess a = InsecureSecretAccess.get();
    byte[][] parts;
    if (key instanceof RsaPrivateKeyData rsa) {
      parts = new byte[][] {mpint(rsa.privateExponent(a)), mpint(rsa.primeP(a)), mpint(rsa.primeQ(a)),
          mpint(rsa.crtCoefficient(a))};
    } else if (key instanceof EcdsaPrivateKeyData ec) {
      parts = new byte[][] {mpint(ec.privateScalar(a))};
    } else if (key instanceof Ed25519PrivateKeyData ed) {
      parts = new byte[][] {ed.seed(a)};
    } else {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM,
          "keypair reads " + key.publicKey().algorithmName() + " PPK files but does not write them");
    }
    int length = 0;
    for (byte[] p : parts) {
      length += 4 + p.length;
    }
    byte[] out = new byte[length];
    int o = 0;
    for (byte[] p : parts) {
      int n = p.length;
      out[o++] = (byte) (n >>> 24);
      out[o++] = (byte) (n >>> 16);
      out[o++] = (byte) (n >>> 8);
      out[o++] = (byte) n;
      System.arraycopy(p, 0, out, o, n);
      o += n;
      Wipe.wipe("ppk-private-component", p);
    }
    return out;
  }

  /** The mpint bytes of a positive value: its minimal two's complement, as {@link BigInteger#toByteArray()} gives it. */
  private static byte[] mpint(BigInteger v) {
    return v.toByteArray();
  }
}
