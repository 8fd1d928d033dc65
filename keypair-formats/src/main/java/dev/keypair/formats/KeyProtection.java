package dev.keypair.formats;

import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.Passphrase;
import java.util.Objects;
import java.util.Optional;

/**
 * How a private key is protected when written: with a passphrase (and each format's encryption
 * settings), or, explicitly, not at all.
 *
 * <p>Writing a key in the clear needs {@link #none(InsecureSecretAccess)}, so every such place in a
 * program is found by searching for {@code InsecureSecretAccess.get()}. The defaults:
 * <ul>
 *   <li>OpenSSH: {@code aes256-ctr} with 24 bcrypt_pbkdf rounds;</li>
 *   <li>PKCS#8: PBES2 with PBKDF2-HMAC-SHA256, 600,000 iterations, AES-256-CBC;</li>
 *   <li>traditional PEM: OpenSSL's legacy {@code DEK-Info: AES-256-CBC} (its key derivation is one
 *       MD5 round: prefer PKCS#8 or OpenSSH for new keys);</li>
 *   <li>PPK v3: Argon2id with 8192 KiB, 34 passes, 1 lane (puttygen's memory and parallelism; its
 *       passes are chosen by time, about 100 ms);</li>
 *   <li>PPK v2: AES-256-CBC with PuTTY's SHA-1 key derivation (the format has no settings).</li>
 * </ul>
 * The passphrase is not copied: keep it alive until the key is written, then destroy it.
 */
public final class KeyProtection {

  /** {@code aes256-ctr}, OpenSSH's default cipher for key files. */
  public static final String DEFAULT_OPENSSH_CIPHER = "aes256-ctr";
  /** bcrypt_pbkdf rounds written by default. */
  public static final int DEFAULT_BCRYPT_ROUNDS = 24;
  /** PBKDF2 iterations written by default (OWASP's 2023 figure for HMAC-SHA256). */
  public static final int DEFAULT_PBKDF2_ITERATIONS = 600_000;
  /** Argon2 memory written by default, in KiB (puttygen's default). */
  public static final int DEFAULT_ARGON2_MEMORY_KIB = 8192;
  /** Argon2 passes written by default. */
  public static final int DEFAULT_ARGON2_PASSES = 34;
  /** Argon2 lanes written by default (puttygen's default). */
  public static final int DEFAULT_ARGON2_PARALLELISM = 1;

  /** The Argon2 variants PPK v3 names: {@code Argon2d}, {@code Argon2i}, {@code Argon2id}. */
  public enum Argon2Variant {
    ARGON2D("Argon2d"),
    ARGON2I("Argon2i"),
    ARGON2ID("Argon2id");

    private final String ppkName;

    Argon2Variant(String ppkName) {
      this.ppkName = ppkName;
    }

    /** The value of PPK's {@code Key-Derivation} header. */
    public String ppkName() {
      return ppkName;
    }
  }

  private static final KeyProtection NONE = new KeyProtection(null, DEFAULT_OPENSSH_CIPHER, DEFAULT_BCRYPT_ROUNDS,
      DEFAULT_PBKDF2_ITERATIONS, Argon2Variant.ARGON2ID, DEFAULT_ARGON2_MEMORY_KIB, DEFAULT_ARGON2_PASSES,
      DEFAULT_ARGON2_PARALLELISM);

  private final Passphrase passphrase;
  private final String openSshCipher;
  private final int bcryptRounds;
  private final int pbkdf2Iterations;
  private final Argon2Variant argon2Variant;
  private final int argon2MemoryKiB;
  private final int argon2Passes;
  private final int argon2Parallelism;

  private KeyProtection(Passphrase passphrase, String openSshCipher, int bcryptRounds, int pbkdf2Iterations,
      Argon2Variant argon2Variant, int argon2MemoryKiB, int argon2Passes, int argon2Parallelism) {
    this.passphrase = passphrase;
    this.openSshCipher = openSshCipher;
    this.bcryptRounds = bcryptRounds;
    this.pbkdf2Iterations = pbkdf2Iterations;
    this.argon2Variant = argon2Variant;
    this.argon2MemoryKiB = argon2MemoryKiB;
    this.argon2Passes = argon2Passes;
    this.argon2Parallelism = argon2Parallelism;
  }

  /** No encryption: the key is written in the clear. */
  public static KeyProtection none(InsecureSecretAccess access) {
    Objects.requireNonNull(access, "access");
    return NONE;
  }

  /** Encryption with {@code passphrase} and each format's default settings. */
  public static KeyProtection passphrase(Passphrase passphrase) {
    Objects.requireNonNull(passphrase, "passphrase");
    if (passphrase.isEmpty()) {
      throw new IllegalArgumentException("an empty passphrase encrypts nothing; use KeyProtection.none");
    }
    return new KeyProtection(passphrase, NONE.openSshCipher, NONE.bcryptRounds, NONE.pbkdf2Iterations,
        NONE.argon2Variant, NONE.argon2MemoryKiB, NONE.argon2Passes, NONE.argon2Parallelism);
  }

  /**
   * The OpenSSH cipher ({@code aes256-ctr}, {@code aes128-cbc}, {@code chacha20-poly1305@openssh.com}...).
   *
   * @throws IllegalArgumentException for a name OpenSSH does not write ({@code 3des-cbc} is read only)
   */
  public KeyProtection withOpenSshCipher(String cipher) {
    Objects.requireNonNull(cipher, "cipher");
    if (dev.keypair.formats.internal.OpenSshCipher.fromName(cipher).isEmpty() || cipher.equals("none")
        || cipher.equals("3des-cbc")) {
      throw new IllegalArgumentException("not an OpenSSH cipher keypair writes: " + cipher);
    }
    return new KeyProtection(passphrase, cipher, bcryptRounds, pbkdf2Iterations, argon2Variant, argon2MemoryKiB,
        argon2Passes, argon2Parallelism);
  }

  /** The bcrypt_pbkdf rounds of an OpenSSH key ({@code ssh-keygen -a}). */
  public KeyProtection withBcryptRounds(int rounds) {
    return new KeyProtection(passphrase, openSshCipher, positive(rounds, "rounds"), pbkdf2Iterations, argon2Variant,
        argon2MemoryKiB, argon2Passes, argon2Parallelism);
  }

  /** The PBKDF2 iterations of an encrypted PKCS#8 key. */
  public KeyProtection withPbkdf2Iterations(int iterations) {
    return new KeyProtection(passphrase, openSshCipher, bcryptRounds, positive(iterations, "iterations"),
        argon2Variant, argon2MemoryKiB, argon2Passes, argon2Parallelism);
  }

  /** The Argon2 settings of a PPK v3 key. */
  public KeyProtection withArgon2(Argon2Variant variant, int memoryKiB, int passes, int parallelism) {
    return new KeyProtection(passphrase, openSshCipher, bcryptRounds, pbkdf2Iterations,
        Objects.requireNonNull(variant, "variant"), positive(memoryKiB, "memoryKiB"), positive(passes, "passes"),
        positive(parallelism, "parallelism"));
  }

  /** Whether the key is to be encrypted. */
  public boolean isEncrypted() {
    return passphrase != null;
  }

  /** The passphrase, if encrypted. */
  public Optional<Passphrase> passphrase() {
    return Optional.ofNullable(passphrase);
  }

  public String openSshCipher() {
    return openSshCipher;
  }

  public int bcryptRounds() {
    return bcryptRounds;
  }

  public int pbkdf2Iterations() {
    return pbkdf2Iterations;
  }

  public Argon2Variant argon2Variant() {
    return argon2Variant;
  }

  public int argon2MemoryKiB() {
    return argon2MemoryKiB;
  }

  public int argon2Passes() {
    return argon2Passes;
  }

  public int argon2Parallelism() {
    return argon2Parallelism;
  }

  private static int positive(int v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + v);
    }
    return v;
  }

  @Override
  public String toString() {
    return isEncrypted() ? "KeyProtection[passphrase]" : "KeyProtection[none]";
  }
}
