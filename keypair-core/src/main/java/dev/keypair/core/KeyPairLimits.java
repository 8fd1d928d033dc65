package dev.keypair.core;

/**
 * The caps keypair applies to untrusted input, in one place.
 *
 * <p>Every decoder checks these before it does the work they bound: the input size before decoding,
 * every length against what is left and against a cap before allocating, the ASN.1 depth before
 * descending, the RSA size before any arithmetic. The defaults accept every key real tools make and
 * refuse what only an attacker makes; override them with {@link #builder()} where a deployment needs to.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>limit</th><th>default</th><th>why</th></tr>
 *   <tr><td>{@link #maxInputBytes()}</td><td>1 MiB</td><td>the largest key file is a 16384-bit
 *       RSA key in PPK, under 20 KiB</td></tr>
 *   <tr><td>{@link #maxLineBytes()}</td><td>64 KiB</td><td>a text line; {@code authorized_keys}
 *       files are read as streams, one line at a time; also a pasted fingerprint (an {@code ssh-keygen
 *       -l} line) and the command's passphrase file</td></tr>
 *   <tr><td>{@link #rsaMinBits()}</td><td>1024</td><td>ssh-keygen refuses less; so does AWS</td></tr>
 *   <tr><td>{@link #rsaMaxBits()}</td><td>16384</td><td>OpenSSH's maximum</td></tr>
 *   <tr><td>{@link #rsaMaxPrimeBits()}</td><td>8192</td><td>half of {@link #rsaMaxBits()}: the primes
 *       of an RSA private key, refused before {@code p * q} or any CRT work (Go 6f39c52)</td></tr>
 *   <tr><td>{@link #dsaMinBits()} / {@link #dsaMaxBits()}</td><td>1024 / 10000</td><td>OpenSSH's
 *       DSA range</td></tr>
 *   <tr><td>{@link #maxAsn1Depth()}</td><td>16</td><td>the deepest structure keypair reads
 *       (encrypted PKCS#8) nests 6 levels</td></tr>
 *   <tr><td>{@link #maxKdfSaltBytes()}</td><td>64</td><td>the salt of bcrypt_pbkdf (openssh-key-v1)
 *       and Argon2 (PPK v3): ssh-keygen and puttygen write 16 bytes</td></tr>
 *   <tr><td>{@link #maxBcryptRounds()}</td><td>1024</td><td>OpenSSH key files: ssh-keygen writes 16 or
 *       24, users raise it with {@code -a} (1000 takes ssh-keygen itself about 6 s)</td></tr>
 *   <tr><td>{@link #maxPbkdf2Iterations()}</td><td>4,000,000</td><td>encrypted PKCS#8, counted per
 *       output block of the PRF (an AES-256 key from HMAC-SHA1 takes two): OpenSSL writes 2048, OWASP's
 *       2023 guidance is 600,000 for HMAC-SHA256 and 1,300,000 for HMAC-SHA1</td></tr>
 *   <tr><td>{@link #maxKdfMemoryBytes()}</td><td>256 MiB</td><td>Argon2 memory of PuTTY's PPK v3
 *       (puttygen's default is 8 MiB), scrypt's memory 128·N·r and its work 128·N·r·p (OpenSSL's
 *       {@code -scrypt} writes N=16384, r=8, p=1: 16 MiB)</td></tr>
 *   <tr><td>{@link #maxArgon2Passes()}</td><td>256</td><td>puttygen picks passes to take ~100 ms</td></tr>
 *   <tr><td>{@link #maxArgon2Work()}</td><td>2,097,152 KiB·passes</td><td>what Argon2 costs: memory
 *       times passes (puttygen's default is 8192 × 34 = 278,528)</td></tr>
 *   <tr><td>{@link #maxKdfParallelism()}</td><td>16</td><td>Argon2 lanes and scrypt's p; puttygen uses 1</td></tr>
 * </table>
 *
 * <p>Every KDF parameter is checked against its cap before the KDF runs and before anything it
 * needs is allocated; so is every cheap structural check of a key file. At the caps a hostile key
 * file costs seconds of CPU, measured here with the JVM's full JIT: bcrypt at 1024 rounds about 7.5 s
 * of CPU, about 4 s of wall time where two cores are free (the two blocks of a 48- or 64-byte output
 * run in parallel; ssh-keygen itself takes 5.7 s for {@code -a 1000}), PBKDF2 at 4,000,000 about
 * 2 s (SHA-1) to 3 s (SHA-512), Argon2 at the work cap and scrypt at the memory cap about 2 to 3 s. That is the
 * price of reading the keys real users make: the floor is {@code ssh-keygen -a 1000}. Lower
 * the caps where untrusted key files arrive in volume.
 *
 * <p>Other bounds in the codecs are facts of the formats, not caps, and are not configurable: an RFC
 * 4716 header tag of at most 64 bytes, and when writing, lines of 72 bytes and header values of 1024
 * (RFC 4716 section 3); an algorithm or curve name of at most 256 bytes (RFC 4251 section 6 allows 64); Ed25519 fields of 32 or
 * 64 bytes; bcrypt_pbkdf's output of at most 1024 bytes; an OBJECT IDENTIFIER of at most 64 content
 * octets and 20 per arc (every OID keypair knows has under 10, so a longer one is unknown whatever it
 * says). Certificates do not nest: the signature key of an SSH certificate is read as a plain key, so a
 * certificate inside one is refused without recursion. Counts of certificate principals and options,
 * of PEM headers and of {@code authorized_keys} lines, and the length of a comment, are bounded by the
 * input: by {@link #maxInputBytes()}, and by {@link #maxLineBytes()} for a line.
 */
public final class KeyPairLimits {

  private static final KeyPairLimits DEFAULTS = new Builder().build();

  private final int maxInputBytes;
  private final int maxLineBytes;
  private final int rsaMinBits;
  private final int rsaMaxBits;
  private final int dsaMinBits;
  private final int dsaMaxBits;
  private final int maxAsn1Depth;
  private final int maxKdfSaltBytes;
  private final int maxBcryptRounds;
  private final int maxPbkdf2Iterations;
  private final long maxKdfMemoryBytes;
  private final int maxArgon2Passes;
  private final int maxKdfParallelism;
  private final long maxArgon2Work;

  private KeyPairLimits(Builder b) {
    this.maxInputBytes = b.maxInputBytes;
    this.maxLineBytes = b.maxLineBytes;
    this.rsaMinBits = b.rsaMinBits;
    this.rsaMaxBits = b.rsaMaxBits;
    this.dsaMinBits = b.dsaMinBits;
    this.dsaMaxBits = b.dsaMaxBits;
    this.maxAsn1Depth = b.maxAsn1Depth;
    this.maxKdfSaltBytes = b.maxKdfSaltBytes;
    this.maxBcryptRounds = b.maxBcryptRounds;
    this.maxPbkdf2Iterations = b.maxPbkdf2Iterations;
    this.maxKdfMemoryBytes = b.maxKdfMemoryBytes;
    this.maxArgon2Passes = b.maxArgon2Passes;
    this.maxKdfParallelism = b.maxKdfParallelism;
    this.maxArgon2Work = b.maxArgon2Work;
  }

  /** The documented defaults. */
  public static KeyPairLimits defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxInputBytes = maxInputBytes;
    b.maxLineBytes = maxLineBytes;
    b.rsaMinBits = rsaMinBits;
    b.rsaMaxBits = rsaMaxBits;
    b.dsaMinBits = dsaMinBits;
    b.dsaMaxBits = dsaMaxBits;
    b.maxAsn1Depth = maxAsn1Depth;
    b.maxKdfSaltBytes = maxKdfSaltBytes;
    b.maxBcryptRounds = maxBcryptRounds;
    b.maxPbkdf2Iterations = maxPbkdf2Iterations;
    b.maxKdfMemoryBytes = maxKdfMemoryBytes;
    b.maxArgon2Passes = maxArgon2Passes;
    b.maxKdfParallelism = maxKdfParallelism;
    b.maxArgon2Work = maxArgon2Work;
    return b;
  }

  /** Largest whole input (a key file, a pasted text) a decoder accepts. */
  public int maxInputBytes() {
    return maxInputBytes;
  }

  /** Longest text line accepted, line end excluded. */
  public int maxLineBytes() {
    return maxLineBytes;
  }

  /** Shortest RSA modulus accepted, in bits. */
  public int rsaMinBits() {
    return rsaMinBits;
  }

  /** Longest RSA modulus accepted, in bits. */
  public int rsaMaxBits() {
    return rsaMaxBits;
  }

  /**
   * Longest prime of an RSA private key accepted, in bits: half of {@link #rsaMaxBits()}, rounded up
   * (8192 by default), checked before any arithmetic with it.
   */
  public int rsaMaxPrimeBits() {
    return (rsaMaxBits + 1) / 2;
  }

  /** Shortest DSA prime {@code p} accepted, in bits. */
  public int dsaMinBits() {
    return dsaMinBits;
  }

  /** Longest DSA prime {@code p} accepted, in bits. */
  public int dsaMaxBits() {
    return dsaMaxBits;
  }

  /** Deepest ASN.1 nesting a DER decoder descends into. */
  public int maxAsn1Depth() {
    return maxAsn1Depth;
  }

  /** Longest KDF salt accepted (bcrypt_pbkdf in openssh-key-v1, Argon2 in PPK v3), in bytes. */
  public int maxKdfSaltBytes() {
    return maxKdfSaltBytes;
  }

  /** Most bcrypt_pbkdf rounds an OpenSSH key file may ask for. */
  public int maxBcryptRounds() {
    return maxBcryptRounds;
  }

  /**
   * Most PBKDF2 work an encrypted PKCS#8 key may ask for: iterations times the PRF blocks its key
   * takes (one for AES with HMAC-SHA256, two for AES-256 with HMAC-SHA1).
   */
  public int maxPbkdf2Iterations() {
    return maxPbkdf2Iterations;
  }

  /** Most memory a key derivation (Argon2, scrypt) may ask for, in bytes. */
  public long maxKdfMemoryBytes() {
    return maxKdfMemoryBytes;
  }

  /** Most Argon2 passes a PPK file may ask for. */
  public int maxArgon2Passes() {
    return maxArgon2Passes;
  }

  /** Most Argon2 work, memory in KiB times passes, a PPK file may ask for. */
  public long maxArgon2Work() {
    return maxArgon2Work;
  }

  /** Most parallel lanes (Argon2) or blocks (scrypt's p) a key derivation may ask for. */
  public int maxKdfParallelism() {
    return maxKdfParallelism;
  }

  /**
   * Fails with {@link ErrorCode#RESOURCE_LIMIT} unless {@code 1 <= value <= cap}; for KDF parameters,
   * checked before the KDF runs.
   *
   * @param what the parameter, for the message ("bcrypt rounds")
   */
  public static void checkKdfParameter(String what, long value, long cap) {
    if (value < 1 || value > cap) {
      throw new KeyPairException(ErrorCode.RESOURCE_LIMIT,
          what + " is " + value + "; accepted: 1 to " + cap + " (see KeyPairLimits)");
    }
  }

  /** Fails with {@link ErrorCode#INPUT_TOO_LARGE} if {@code length} is over {@link #maxInputBytes()}. */
  public void checkInputSize(long length, String what) {
    if (length > maxInputBytes) {
      throw new KeyPairException(ErrorCode.INPUT_TOO_LARGE,
          what + " is " + length + " bytes, over the limit of " + maxInputBytes);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyPairLimits l && maxInputBytes == l.maxInputBytes && maxLineBytes == l.maxLineBytes
        && rsaMinBits == l.rsaMinBits && rsaMaxBits == l.rsaMaxBits && dsaMinBits == l.dsaMinBits
        && dsaMaxBits == l.dsaMaxBits && maxAsn1Depth == l.maxAsn1Depth && maxBcryptRounds == l.maxBcryptRounds
        && maxKdfSaltBytes == l.maxKdfSaltBytes
        && maxPbkdf2Iterations == l.maxPbkdf2Iterations && maxKdfMemoryBytes == l.maxKdfMemoryBytes
        && maxArgon2Passes == l.maxArgon2Passes && maxKdfParallelism == l.maxKdfParallelism
        && maxArgon2Work == l.maxArgon2Work;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(maxInputBytes, maxLineBytes, rsaMinBits, rsaMaxBits, dsaMinBits, dsaMaxBits,
        maxAsn1Depth, maxBcryptRounds, maxPbkdf2Iterations, maxKdfMemoryBytes, maxArgon2Passes, maxKdfParallelism,
        maxArgon2Work, maxKdfSaltBytes);
  }

  @Override
  public String toString() {
    return "KeyPairLimits[maxInputBytes=" + maxInputBytes + ", maxLineBytes=" + maxLineBytes
        + ", rsaBits=" + rsaMinBits + ".." + rsaMaxBits + ", dsaBits=" + dsaMinBits + ".." + dsaMaxBits
        + ", maxAsn1Depth=" + maxAsn1Depth + ", maxKdfSaltBytes=" + maxKdfSaltBytes + ", maxBcryptRounds=" + maxBcryptRounds + ", maxPbkdf2Iterations="
        + maxPbkdf2Iterations + ", maxKdfMemoryBytes=" + maxKdfMemoryBytes + ", maxArgon2Passes=" + maxArgon2Passes
        + ", maxKdfParallelism=" + maxKdfParallelism + ", maxArgon2Work=" + maxArgon2Work + "]";
  }

  /** Builds a {@link KeyPairLimits}; starts from the defaults. */
  public static final class Builder {
    private int maxInputBytes = 1 << 20;
    private int maxLineBytes = 64 << 10;
    private int rsaMinBits = 1024;
    private int rsaMaxBits = 16384;
    private int dsaMinBits = 1024;
    private int dsaMaxBits = 10000;
    private int maxAsn1Depth = 16;
    private int maxKdfSaltBytes = 64;
    private int maxBcryptRounds = 1024;
    private int maxPbkdf2Iterations = 4_000_000;
    private long maxKdfMemoryBytes = 256L << 20;
    private int maxArgon2Passes = 256;
    private int maxKdfParallelism = 16;
    private long maxArgon2Work = 1L << 21;

    private Builder() {}

    public Builder maxInputBytes(int bytes) {
      this.maxInputBytes = positive(bytes, "maxInputBytes");
      return this;
    }

    public Builder maxLineBytes(int bytes) {
      this.maxLineBytes = positive(bytes, "maxLineBytes");
      return this;
    }

    /** The accepted RSA modulus sizes, in bits; at most 65536. */
    public Builder rsaBits(int min, int max) {
      checkRange(min, max, 65536, "rsaBits");
      this.rsaMinBits = min;
      this.rsaMaxBits = max;
      return this;
    }

    /** The accepted DSA prime sizes, in bits; at most 65536. */
    public Builder dsaBits(int min, int max) {
      checkRange(min, max, 65536, "dsaBits");
      this.dsaMinBits = min;
      this.dsaMaxBits = max;
      return this;
    }

    /** At least 4 (SubjectPublicKeyInfo nests 3 levels) and at most 256. */
    public Builder maxAsn1Depth(int depth) {
      if (depth < 4 || depth > 256) {
        throw new IllegalArgumentException("maxAsn1Depth must be in 4..256: " + depth);
      }
      this.maxAsn1Depth = depth;
      return this;
    }

    public Builder maxKdfSaltBytes(int bytes) {
      this.maxKdfSaltBytes = positive(bytes, "maxKdfSaltBytes");
      return this;
    }

    public Builder maxBcryptRounds(int rounds) {
      this.maxBcryptRounds = positive(rounds, "maxBcryptRounds");
      return this;
    }

    public Builder maxPbkdf2Iterations(int iterations) {
      this.maxPbkdf2Iterations = positive(iterations, "maxPbkdf2Iterations");
      return this;
    }

    public Builder maxKdfMemoryBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxKdfMemoryBytes must be at least 1024: " + bytes);
      }
      this.maxKdfMemoryBytes = bytes;
      return this;
    }

    public Builder maxArgon2Passes(int passes) {
      this.maxArgon2Passes = positive(passes, "maxArgon2Passes");
      return this;
    }

    public Builder maxKdfParallelism(int lanes) {
      this.maxKdfParallelism = positive(lanes, "maxKdfParallelism");
      return this;
    }

    /** Most Argon2 memory (KiB) times passes. */
    public Builder maxArgon2Work(long kibPasses) {
      if (kibPasses < 8) {
        throw new IllegalArgumentException("maxArgon2Work must be at least 8: " + kibPasses);
      }
      this.maxArgon2Work = kibPasses;
      return this;
    }

    public KeyPairLimits build() {
      return new KeyPairLimits(this);
    }

    private static int positive(int v, String name) {
      if (v <= 0) {
        throw new IllegalArgumentException(name + " must be positive: " + v);
      }
      return v;
    }

    private static void checkRange(int min, int max, int ceiling, String name) {
      if (min < 2 || min > max || max > ceiling) {
        throw new IllegalArgumentException(name + " must satisfy 2 <= min <= max <= " + ceiling
            + ": " + min + ".." + max);
      }
    }
  }
}
