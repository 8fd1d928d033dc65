package dev.keypair.benchmarks;

import dev.keypair.core.Comment;
import dev.keypair.core.EcCurve;
import dev.keypair.core.EcdsaPrivateKeyData;
import dev.keypair.core.Ed25519PrivateKeyData;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyGenerator;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.KeyType;
import dev.keypair.core.RsaKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.OpenSshPublicKeys;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmarks' inputs, made in memory from fixed seeds (never read from disk or the network), so every run and
 * every side of a comparison reads the same bytes.
 *
 * <p>Public RSA keys have e = 65537 and a modulus of the exact size that is the product of two random odd numbers
 * without small factors: a parser of public keys cannot tell it from a real one (neither keypair nor OpenSSH tests
 * a public modulus for primality, and MINA's and BouncyCastle's tests cannot tell either), and a distinct one costs
 * microseconds where a real RSA key pair costs tens of milliseconds. The idea is core's test
 * {@code TestKeys.randomRsa}, which benchmark code cannot use (it is test scope, and its moduli can be prime). ECDSA and
 * Ed25519 public keys are real: keypair derives them from a scalar or seed drawn from a seeded {@code SHA1PRNG}
 * (and the agreement tests check that MINA and BouncyCastle read them alike).
 */
final class Inputs {

  /** The seed of every input. */
  static final long SEED = 0x6b6579706169L; // "keypai"

  /** Lines in the authorized_keys benchmark's file. */
  static final int FILE_LINES = 10_000;

  /** Distinct keys in the file with repeated keys. */
  static final int REPEATED_POOL = 48;

  /**
   * The mix of the authorized_keys file: one period of 16 key lines, repeated. Half RSA (2048 x4, 3072 x2,
   * 4096 x2), a quarter Ed25519, a quarter ECDSA (P-256 x2, P-384, P-521).
   */
  static final List<String> MIX = List.of("rsa2048", "ed25519", "ecdsa256", "rsa3072", "rsa2048", "ed25519",
      "rsa4096", "ecdsa384", "rsa2048", "ed25519", "ecdsa256", "rsa3072", "rsa2048", "ed25519", "rsa4096",
      "ecdsa521");

  /** RSA moduli have no prime factor below this (BouncyCastle refuses moduli with small factors). */
  static final int SIEVE_LIMIT = 2048;

  /** The odd primes below {@link #SIEVE_LIMIT}, in groups whose product fits in a long. */
  private static final long[][] SIEVE = sieve();

  private static final KeyPairLimits ANY_RSA = KeyPairLimits.builder().rsaBits(1024, 16384).build();

  private Inputs() {}

  /** A deterministic source of keys. */
  static final class Keys {
    private final Random random;
    private final SecureRandom secure;

    Keys(long seed) {
      this.random = new Random(seed);
      try {
        this.secure = SecureRandom.getInstance("SHA1PRNG");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      secure.setSeed(seed);
    }

    /** A public key of this kind: rsa2048 ... rsa4096, ecdsa256/384/521, ed25519. */
    KeyData publicKey(String kind) {
      if (kind.startsWith("rsa")) {
        return randomRsa(Integer.parseInt(kind.substring(3)));
      }
      // keypair's own derivations, from a drawn seed or scalar: the JDK's generators made the distinct file take
      // about six seconds, in every fork that reads it
      if (kind.equals("ed25519")) {
        byte[] seed = new byte[Ed25519PrivateKeyData.SEED_LENGTH];
        secure.nextBytes(seed);
        return Ed25519PrivateKeyData.fromSeed(seed).publicKey();
      }
      EcCurve curve = curve(kind);
      BigInteger n = curve.order();
      BigInteger d = new BigInteger(n.bitLength() + 64, secure).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
      return EcdsaPrivateKeyData.fromScalar(curve, d).publicKey();
    }

    /** A real key pair of this kind (rsa2048, ecdsa256, ed25519, ...), from keypair's generator on the seeded source. */
    SshPrivateKey privateKey(String kind) {
      KeyGenerator g = KeyGenerator.create(secure, KeyPairLimits.defaults());
      if (kind.startsWith("rsa")) {
        return g.generate(KeyType.RSA, Integer.parseInt(kind.substring(3)), Comment.of("bench@keypair"));
      }
      if (kind.equals("ed25519")) {
        return g.generate(KeyType.ED25519, Comment.of("bench@keypair"));
      }
      return g.generate(KeyGenerator.ecdsaType(curve(kind).bits()), Comment.of("bench@keypair"));
    }

    /**
     * n = a * b, a and b random odd numbers of half the size, their top two bits set (so n has exactly
     * {@code bits} bits), with no prime factor below {@value Inputs#SIEVE_LIMIT}. Composite by construction: a random odd
     * number alone is prime once in about 70 draws, which MINA and BouncyCastle rightly refuse.
     */
    private RsaKeyData randomRsa(int bits) {
      BigInteger n = factor(bits / 2).multiply(factor(bits - bits / 2));
      return RsaKeyData.of(BigInteger.valueOf(65537), n, ANY_RSA);
    }

    private BigInteger factor(int bits) {
      while (true) {
        BigInteger x = new BigInteger(bits, random).setBit(bits - 1).setBit(bits - 2).setBit(0);
        if (!hasSmallFactor(x)) {
          return x;
        }
      }
    }
  }

  private static long[][] sieve() {
    List<long[]> groups = new ArrayList<>();
    List<Long> group = new ArrayList<>();
    long product = 1;
    for (int p = 3; p < SIEVE_LIMIT; p += 2) {
      if (!BigInteger.valueOf(p).isProbablePrime(30)) {
        continue;
      }
      if (product > Long.MAX_VALUE / p) {
        groups.add(close(group, product));
        group.clear();
        product = 1;
      }
      group.add((long) p);
      product *= p;
    }
    groups.add(close(group, product));
    return groups.toArray(new long[0][]);
  }

  /** {product, p1, p2, ...}. */
  private static long[] close(List<Long> primes, long product) {
    long[] g = new long[primes.size() + 1];
    g[0] = product;
    for (int i = 0; i < primes.size(); i++) {
      g[i + 1] = primes.get(i);
    }
    return g;
  }

  static boolean hasSmallFactor(BigInteger x) {
    for (long[] g : SIEVE) {
      long r = x.mod(BigInteger.valueOf(g[0])).longValue();
      for (int i = 1; i < g.length; i++) {
        if (r % g[i] == 0) {
          return true;
        }
      }
    }
    return false;
  }

  static EcCurve curve(String kind) {
    switch (kind) {
      case "ecdsa256": return EcCurve.NISTP256;
      case "ecdsa384": return EcCurve.NISTP384;
      case "ecdsa521": return EcCurve.NISTP521;
      default: throw new IllegalArgumentException(kind);
    }
  }

  /** One OpenSSH line of this kind, with a comment, from the fixed seed. */
  static String line(String kind) {
    return OpenSshPublicKeys.encodeToString(SshPublicKey.of(new Keys(SEED).publicKey(kind), Comment.of("user@host")));
  }

  /**
   * The authorized_keys file: {@link #FILE_LINES} key lines in the order of {@link #MIX}, with options on every
   * fifth line ({@code from=...,no-pty}) and a {@code command="..."} on every seventh, a comment on two lines in
   * three, and a {@code #} comment line before every 500th key line (20 in all, not counted as key lines).
   * {@code distinct}: every key different; otherwise {@link #REPEATED_POOL} keys in turn.
   */
  static byte[] authorizedKeys(boolean distinct) {
    return FILES.computeIfAbsent(distinct, Inputs::makeAuthorizedKeys);
  }

  /** The two files, made once a JVM (the distinct one takes seconds); callers do not change them. */
  private static final Map<Boolean, byte[]> FILES = new ConcurrentHashMap<>();

  private static byte[] makeAuthorizedKeys(boolean distinct) {
    Keys keys = new Keys(SEED);
    List<KeyData> pool = new ArrayList<>();
    for (int i = 0; i < (distinct ? FILE_LINES : REPEATED_POOL); i++) {
      pool.add(keys.publicKey(MIX.get(i % MIX.size())));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(FILE_LINES * 600);
    for (int i = 0; i < FILE_LINES; i++) {
      if (i % 500 == 0) {
        out.writeBytes(("# fleet block " + i / 500 + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      StringBuilder line = new StringBuilder();
      if (i % 5 == 0) {
        line.append("from=\"10.").append(i % 256).append(".0.0/16\",no-pty ");
      } else if (i % 7 == 0) {
        line.append("command=\"/usr/local/bin/deploy --host web").append(i).append("\",no-port-forwarding ");
      }
      Comment comment = i % 3 == 2 ? Comment.none() : Comment.of("user" + i + "@host" + i % 97);
      line.append(OpenSshPublicKeys.encodeToString(SshPublicKey.of(pool.get(i % pool.size()), comment)));
      out.writeBytes(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /** The file's lines, each without its LF. */
  static List<String> lines(byte[] file) {
    return List.of(new String(file, StandardCharsets.UTF_8).split("\n"));
  }

  /**
   * The file cut into pieces of {@code keyLines} key lines each (with the {@code #} lines among them), in order:
   * the anchors too slow for the whole file read it a piece at a time.
   */
  static List<byte[]> pieces(byte[] file, int keyLines) {
    List<byte[]> out = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    int n = 0;
    for (String line : lines(file)) {
      piece.append(line).append('\n');
      if (!line.startsWith("#") && ++n == keyLines) {
        out.add(piece.toString().getBytes(StandardCharsets.UTF_8));
        piece.setLength(0);
        n = 0;
      }
    }
    if (n > 0) {
      throw new IllegalArgumentException(FILE_LINES + " lines do not cut into pieces of " + keyLines);
    }
    return out;
  }
}
