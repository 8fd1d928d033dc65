package dev.keypair.testkit;

import dev.keypair.core.Comment;
import dev.keypair.core.EcCurve;
import dev.keypair.core.EcdsaPrivateKeyData;
import dev.keypair.core.Ed25519PrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import java.math.BigInteger;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The keys this package's own defaults draw from: Ed25519 and ECDSA P-256 keys made from a small seed,
 * cheap to make and the same for the same seed. (To be replaced by {@link SshKeys}' key arbitraries
 * where those give the same cheap types.)
 */
final class SeedKeys {

  /** Seeds 0 to 7: few enough that a sequence meets the same key again. */
  private static final int SEEDS = 8;

  private static final SshPublicKey[] PUBLIC = new SshPublicKey[2 * SEEDS];

  private SeedKeys() {}

  /** Ed25519 then ECDSA P-256 keys from seeds 0 to 7, without comment; shrinks towards the Ed25519 key of seed 0. */
  static Arbitrary<SshPublicKey> publicKeys() {
    return Arbitraries.integers().between(0, 2 * SEEDS - 1).map(SeedKeys::publicKey);
  }

  private static synchronized SshPublicKey publicKey(int i) {
    if (PUBLIC[i] == null) {
      SshPrivateKey k = privateKey(i);
      PUBLIC[i] = k.publicKey().withComment(Comment.none());
      k.destroy();
    }
    return PUBLIC[i];
  }

  private static SshPrivateKey privateKey(int i) {
    return i < SEEDS ? ed25519(i) : ecdsaP256(i - SEEDS);
  }

  /** The private halves of {@link #publicKeys()}. */
  static Arbitrary<SshPrivateKey> privateKeys() {
    return Arbitraries.integers().between(0, 2 * SEEDS - 1).map(SeedKeys::privateKey);
  }

  static SshPrivateKey ed25519(long seed) {
    byte[] s = new byte[Ed25519PrivateKeyData.SEED_LENGTH];
    new Random(seed).nextBytes(s);
    return SshPrivateKey.of(Ed25519PrivateKeyData.fromSeed(s));
  }

  static SshPrivateKey ecdsaP256(long seed) {
    EcCurve curve = EcCurve.NISTP256;
    Random r = new Random(seed);
    BigInteger d;
    do {
      d = new BigInteger(curve.order().bitLength(), r);
    } while (d.signum() == 0 || d.compareTo(curve.order()) >= 0);
    return SshPrivateKey.of(EcdsaPrivateKeyData.fromScalar(curve, d));
  }
}
