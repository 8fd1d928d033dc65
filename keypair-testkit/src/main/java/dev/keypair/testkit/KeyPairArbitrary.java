package dev.keypair.testkit;

import dev.keypair.core.Comment;
import dev.keypair.core.EcCurve;
import dev.keypair.core.EcdsaPrivateKeyData;
import dev.keypair.core.Ed25519PrivateKeyData;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyGenerator;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Key pairs ({@link SshPrivateKey}, with a comment), from {@link SshKeys#keyPairs()}. Each option returns a
 * new arbitrary; the defaults are every type keypair writes, RSA from {@link RsaPool} (any of its sizes) and
 * comments from {@link SshKeys#comments()}.
 *
 * <p>ECDSA and Ed25519 keys are made from a {@code long} seed that jqwik draws, so they are fresh yet
 * reproducible, and shrink towards seed 0. RSA keys come from the pool and shrink towards its first key,
 * unless {@link #freshRsa()} asks for new ones. Types shrink towards the first one given (RSA by default).
 */
public final class KeyPairArbitrary extends ArbitraryDecorator<SshPrivateKey> {

  static final KeyPairArbitrary DEFAULT = new KeyPairArbitrary(List.of(KeyType.RSA, KeyType.ECDSA_NISTP256,
      KeyType.ECDSA_NISTP384, KeyType.ECDSA_NISTP521, KeyType.ED25519), false, List.of(), SshKeys.comments());

  /** The size of fresh RSA keys when {@link #rsaBits} does not say: the smallest the default limits accept for use. */
  private static final int FRESH_RSA_DEFAULT_BITS = 2048;

  private final List<KeyType> types;
  private final boolean freshRsa;
  private final List<Integer> rsaBits;
  private final Arbitrary<Comment> comments;

  private KeyPairArbitrary(List<KeyType> types, boolean freshRsa, List<Integer> rsaBits, Arbitrary<Comment> comments) {
    this.types = types;
    this.freshRsa = freshRsa;
    this.rsaBits = rsaBits;
    this.comments = comments;
  }

  /**
   * Only keys of {@code types}, shrinking towards the first: RSA, ECDSA on any curve, Ed25519.
   *
   * @throws IllegalArgumentException for no type, or a type keypair does not generate (DSA, security keys)
   */
  public KeyPairArbitrary ofTypes(KeyType... types) {
    List<KeyType> list = List.of(types);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("no key type given");
    }
    for (KeyType t : list) {
      if (!DEFAULT.types.contains(t)) {
        throw new IllegalArgumentException("the testkit makes no " + t + " keys; it makes " + DEFAULT.types);
      }
    }
    return new KeyPairArbitrary(List.copyOf(new java.util.LinkedHashSet<>(list)), freshRsa, rsaBits, comments);
  }

  /**
   * RSA keys generated anew for each try, deterministically from a seed jqwik draws (a seeded
   * {@code SHA1PRNG} given to keypair's {@link KeyGenerator}), instead of drawn from the pool: 2048 bits
   * unless {@link #rsaBits} says otherwise. Slow: tens of milliseconds for 2048 bits, seconds for 4096.
   * Shrinks towards seed 0.
   */
  public KeyPairArbitrary freshRsa() {
    return new KeyPairArbitrary(types, true, rsaBits, comments);
  }

  /**
   * RSA keys of these sizes only, shrinking towards the first. From the pool, 2048, 3072 and 4096; with
   * {@link #freshRsa()}, any size the default {@link KeyPairLimits} accept (1024 to 16384 bits).
   *
   * @throws IllegalArgumentException for no size or a size under 1024 or over 16384 bits; a size the pool
   *     does not hold, without {@link #freshRsa()}, when values are generated
   */
  public KeyPairArbitrary rsaBits(int... bits) {
    if (bits.length == 0) {
      throw new IllegalArgumentException("no RSA size given");
    }
    KeyPairLimits limits = KeyPairLimits.defaults();
    List<Integer> list = new ArrayList<>();
    for (int b : bits) {
      if (b < limits.rsaMinBits() || b > limits.rsaMaxBits()) {
        throw new IllegalArgumentException("RSA keys have " + limits.rsaMinBits() + " to " + limits.rsaMaxBits()
            + " bits, not " + b);
      }
      if (!list.contains(b)) {
        list.add(b);
      }
    }
    return new KeyPairArbitrary(types, freshRsa, List.copyOf(list), comments);
  }

  /** Comments drawn from {@code comments} (for instance {@code SshKeys.comments().filter(...)}). */
  public KeyPairArbitrary withComments(Arbitrary<Comment> comments) {
    return new KeyPairArbitrary(types, freshRsa, rsaBits, Objects.requireNonNull(comments, "comments"));
  }

  /** Keys without a comment. */
  public KeyPairArbitrary withoutComments() {
    return withComments(Arbitraries.just(Comment.none()));
  }

  @Override
  protected Arbitrary<SshPrivateKey> arbitrary() {
    return byType(this::keysOf).flatMap(keys -> Combinators.combine(keys, comments).as(SshPrivateKey::withComment));
  }

  /**
   * The public halves of these key pairs, made more cheaply: RSA from the pool's public keys (or the public
   * half of a fresh key), ECDSA and Ed25519 by the JDK's generators, seeded, whose public point costs a
   * fraction of the one keypair computes from a private key.
   */
  Arbitrary<SshPublicKey> publicKeys() {
    return byType(this::publicKeysOf).flatMap(keys -> Combinators.combine(keys, comments).as(SshPublicKey::of));
  }

  /** The arbitrary of one of {@link #types}, shrinking towards the first. */
  private <T> Arbitrary<Arbitrary<T>> byType(Function<KeyType, Arbitrary<T>> perType) {
    List<Arbitrary<T>> all = new ArrayList<>();
    for (KeyType t : types) {
      all.add(perType.apply(t));
    }
    return Arbitraries.integers().between(0, all.size() - 1).map(all::get);
  }

  private Arbitrary<SshPrivateKey> keysOf(KeyType type) {
    switch (type) {
      case RSA:
        if (freshRsa) {
          return Combinators.combine(Arbitraries.of(freshRsaSizes()), Arbitraries.longs())
              .as(KeyPairArbitrary::freshRsa);
        }
        return Arbitraries.of(poolIndexes()).map(RsaPool::key);
      case ED25519:
        return Arbitraries.longs().map(KeyPairArbitrary::ed25519);
      default:
        EcCurve curve = curveOf(type);
        return Arbitraries.longs().map(seed -> ecdsa(curve, seed));
    }
  }

  private Arbitrary<KeyData> publicKeysOf(KeyType type) {
    switch (type) {
      case RSA:
        if (freshRsa) {
          return keysOf(type).map(k -> k.publicKey().keyData());
        }
        return Arbitraries.of(poolIndexes()).map(RsaPool::publicKey);
      case ED25519:
        return Arbitraries.longs().map(seed -> jdkPublicKey("Ed25519", new NamedParameterSpec("Ed25519"), seed));
      default:
        ECGenParameterSpec spec = new ECGenParameterSpec(curveOf(type).standardName());
        return Arbitraries.longs().map(seed -> jdkPublicKey("EC", spec, seed));
    }
  }

  private List<Integer> freshRsaSizes() {
    return rsaBits.isEmpty() ? List.of(FRESH_RSA_DEFAULT_BITS) : rsaBits;
  }

  private List<Integer> poolIndexes() {
    for (int b : rsaBits) {
      RsaPool.keys(b); // fails with a message naming freshRsa() for a size the pool does not hold
    }
    return RsaPool.indexesOf(rsaBits);
  }

  private static EcCurve curveOf(KeyType type) {
    return Arrays.stream(EcCurve.values()).filter(c -> c.keyType() == type).findFirst().orElseThrow();
  }

  /** A seeded {@code SHA1PRNG}: the same seed gives the same bytes, on every JDK. */
  private static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA1PRNG", e);
    }
  }

  /** The public key of the pair the JDK's {@code algorithm} generator makes from {@code seed}. */
  private static KeyData jdkPublicKey(String algorithm, AlgorithmParameterSpec spec, long seed) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      g.initialize(spec, seeded(seed));
      return KeyData.fromJca(g.generateKeyPair().getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate " + algorithm + " keys", e);
    }
  }

  /** A new RSA key of {@code bits}, the same for the same seed. */
  static SshPrivateKey freshRsa(int bits, long seed) {
    return KeyGenerator.create(seeded(seed), KeyPairLimits.defaults()).generate(KeyType.RSA, bits, Comment.none());
  }

  /** The Ed25519 key whose 32-byte seed {@code java.util.Random(seed)} gives. */
  static SshPrivateKey ed25519(long seed) {
    byte[] s = new byte[Ed25519PrivateKeyData.SEED_LENGTH];
    new Random(seed).nextBytes(s);
    try {
      return SshPrivateKey.of(Ed25519PrivateKeyData.fromSeed(s));
    } finally {
      Arrays.fill(s, (byte) 0);
    }
  }

  /** The ECDSA key on {@code curve} whose scalar {@code java.util.Random(seed)} gives, in [1, order). */
  static SshPrivateKey ecdsa(EcCurve curve, long seed) {
    Random r = new Random(seed);
    BigInteger d;
    do {
      d = new BigInteger(curve.order().bitLength(), r);
    } while (d.signum() == 0 || d.compareTo(curve.order()) >= 0);
    return SshPrivateKey.of(EcdsaPrivateKeyData.fromScalar(curve, d));
  }

  @Override
  public String toString() {
    return "SshKeys.keyPairs()" + (freshRsa ? ".freshRsa()" : "") + " of " + types
        + (rsaBits.isEmpty() ? "" : ", RSA " + rsaBits + " bits");
  }
}
