package dev.keypair.testsupport;

import dev.keypair.core.Comment;
import dev.keypair.core.EcdsaPrivateKeyData;
import dev.keypair.core.Ed25519PrivateKeyData;
import dev.keypair.core.RsaPrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.EcCurve;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.RsaKeyData;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Keys for tests, made cheaply and reproducibly from a seed.
 *
 * <p>Public RSA keys need no primes: keypair (like OpenSSH) never tests a public modulus for
 * primality, so a random odd modulus without small factors is a valid public key and costs
 * microseconds instead of the tens of milliseconds a real RSA key pair takes. ECDSA and Ed25519 keys
 * are real ones from the JDK's generators, seeded.
 */
public final class TestKeys {

  private TestKeys() {}

  private static final KeyPairLimits ANY_RSA_SIZE = KeyPairLimits.builder().rsaBits(32, 65536).build();

  /**
   * A random odd modulus of exactly {@code bits} bits (32 to 65536, whatever the default limits say)
   * with no prime factor below 256, and e = 65537.
   */
  public static RsaKeyData randomRsa(Random random, int bits) {
    while (true) {
      BigInteger n = new BigInteger(bits, random).setBit(bits - 1).setBit(0);
      try {
        return RsaKeyData.of(BigInteger.valueOf(65537), n, ANY_RSA_SIZE);
      } catch (KeyPairException e) {
        if (!e.code().equals(ErrorCode.WEAK_KEY)) {
          throw e;
        }
        // a small factor: draw again (about 9 draws in 10 are refused)
      }
    }
  }

  /** A real ECDSA key on {@code curve}, generated from {@code seed}. */
  public static KeyData ecdsa(EcCurve curve, long seed) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(curve.standardName()), seeded(seed));
      return KeyData.fromJca(g.generateKeyPair().getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A real Ed25519 key generated from {@code seed}. */
  public static KeyData ed25519(long seed) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(255, seeded(seed));
      return KeyData.fromJca(g.generateKeyPair().getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SecureRandom seeded(long seed) throws GeneralSecurityException {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(seed);
    return r;
  }

  /** The key of a fixture's OpenSSH line, read without the formats module. */
  public static KeyData fixtureKey(String name) {
    String[] f = Fixtures.line(name + ".pub").split(" ", 3);
    return KeyData.fromBlob(Base64.getDecoder().decode(f[1]));
  }

  /** RSA (1024 to 4096 bits), ECDSA on every curve, Ed25519, and the fixture DSA key and certificates. */
  public static Arbitrary<KeyData> keyData() {
    Arbitrary<KeyData> rsa = Arbitraries.of(1024, 2048, 2049, 3072, 4096)
        .flatMap(bits -> Arbitraries.randomValue(r -> (KeyData) randomRsa(r, bits)));
    Arbitrary<KeyData> ec = Combinators.combine(Arbitraries.of(EcCurve.values()), Arbitraries.longs())
        .as(TestKeys::ecdsa);
    Arbitrary<KeyData> ed = Arbitraries.longs().map(TestKeys::ed25519);
    Arbitrary<KeyData> fixtures = Arbitraries.of("dsa1024", "rsa2048-user-cert", "ecdsa384-user-cert",
        "ed25519-user-cert", "dsa1024-user-cert", "ecdsa256-host-cert").map(TestKeys::fixtureKey);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, rsa), net.jqwik.api.Tuple.of(3, ec), net.jqwik.api.Tuple.of(3, ed),
        net.jqwik.api.Tuple.of(1, fixtures));
  }

  private static volatile java.util.List<RsaPrivateKeyData> rsaPool;

  /**
   * The pool of real RSA private keys ssh-keygen made (1024, 2048, 2048, 3072, 4096 bits; see
   * {@code fixtures/rsa-pool/rsa-pool.txt}): RSA key generation is too slow for property tests.
   */
  public static java.util.List<RsaPrivateKeyData> rsaPool() {
    java.util.List<RsaPrivateKeyData> pool = rsaPool;
    if (pool == null) {
      pool = new java.util.ArrayList<>();
      for (String line : new String(readResource("/fixtures/rsa-pool/rsa-pool.txt"), StandardCharsets.US_ASCII).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.trim().split(" ");
        BigInteger[] v = new BigInteger[6];
        for (int i = 0; i < 6; i++) {
          v[i] = new BigInteger(f[i], 16);
        }
        pool.add(RsaPrivateKeyData.of(v[0], v[1], v[2], v[3], v[4], v[5]));
      }
      rsaPool = java.util.List.copyOf(pool);
    }
    return pool;
  }

  private static byte[] readResource(String name) {
    try (java.io.InputStream in = TestKeys.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A real Ed25519 private key from {@code seed}. */
  public static SshPrivateKey ed25519Private(long seed) {
    byte[] s = new byte[32];
    new Random(seed).nextBytes(s);
    return SshPrivateKey.of(Ed25519PrivateKeyData.fromSeed(s));
  }

  /** A real ECDSA private key on {@code curve} from {@code seed}. */
  public static SshPrivateKey ecdsaPrivate(EcCurve curve, long seed) {
    BigInteger d;
    Random r = new Random(seed);
    do {
      d = new BigInteger(curve.order().bitLength(), r);
    } while (d.signum() == 0 || d.compareTo(curve.order()) >= 0);
    return SshPrivateKey.of(EcdsaPrivateKeyData.fromScalar(curve, d));
  }

  /**
   * Private keys of every type keypair writes: RSA from {@link #rsaPool()}, ECDSA on every curve and
   * Ed25519 made from a seed. With comments from {@link #comments()}.
   */
  public static Arbitrary<SshPrivateKey> privateKeys() {
    Arbitrary<SshPrivateKey> rsa = Arbitraries.of(rsaPool()).map(k -> SshPrivateKey.of(k));
    Arbitrary<SshPrivateKey> ec = Combinators.combine(Arbitraries.of(EcCurve.values()), Arbitraries.longs())
        .as(TestKeys::ecdsaPrivate);
    Arbitrary<SshPrivateKey> ed = Arbitraries.longs().map(TestKeys::ed25519Private);
    return Combinators.combine(Arbitraries.oneOf(rsa, ec, ed), comments()).as(SshPrivateKey::withComment);
  }

  /**
   * Comments as people write them: empty, ASCII with inner and trailing spaces, UTF-8, bytes that are
   * not UTF-8. No CR, LF or NUL, which one-line formats cannot carry, and no leading space or tab, which
   * the OpenSSH line drops (the separator before the comment is a run of whitespace).
   */
  public static Arbitrary<Comment> comments() {
    return anyComments().map(c -> {
      byte[] b = c.bytes().toByteArray();
      int i = 0;
      while (i < b.length && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      return Comment.ofBytes(java.util.Arrays.copyOfRange(b, i, b.length));
    });
  }

  private static Arbitrary<Comment> anyComments() {
    Arbitrary<Comment> text = Arbitraries.strings().withCharRange(' ', '~').withChars('é', 'ß', '中', '\t')
        .ofMaxLength(60).map(Comment::of);
    Arbitrary<Comment> raw = Arbitraries.bytes().filter(b -> b != '\n' && b != '\r' && b != 0)
        .array(byte[].class).ofMaxSize(40).map(Comment::ofBytes);
    Arbitrary<Comment> typical = Arbitraries.of("me@host", "ops  team", "user@example.com ", "a\tb", "")
        .map(s -> Comment.ofBytes(s.getBytes(StandardCharsets.UTF_8)));
    return Arbitraries.oneOf(text, raw, typical);
  }
}
