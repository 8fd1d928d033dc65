package dev.keypair.testkit;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPublicKey;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Public keys ({@link SshPublicKey}, with a comment), from {@link SshKeys#publicKeys()}: real keys, with the
 * same options, defaults and shrinking as {@link KeyPairArbitrary}. RSA keys are the public halves of the pool's
 * (or of fresh ones); ECDSA and Ed25519 keys are made by the JDK's generators from a seed, which is several
 * times faster than computing the public half of a private key.
 */
public final class PublicKeyArbitrary extends ArbitraryDecorator<SshPublicKey> {

  private final KeyPairArbitrary pairs;

  PublicKeyArbitrary(KeyPairArbitrary pairs) {
    this.pairs = pairs;
  }

  /** See {@link KeyPairArbitrary#ofTypes}. */
  public PublicKeyArbitrary ofTypes(KeyType... types) {
    return new PublicKeyArbitrary(pairs.ofTypes(types));
  }

  /** See {@link KeyPairArbitrary#freshRsa}. */
  public PublicKeyArbitrary freshRsa() {
    return new PublicKeyArbitrary(pairs.freshRsa());
  }

  /** See {@link KeyPairArbitrary#rsaBits}. */
  public PublicKeyArbitrary rsaBits(int... bits) {
    return new PublicKeyArbitrary(pairs.rsaBits(bits));
  }

  /** See {@link KeyPairArbitrary#withComments}. */
  public PublicKeyArbitrary withComments(Arbitrary<Comment> comments) {
    return new PublicKeyArbitrary(pairs.withComments(comments));
  }

  /** See {@link KeyPairArbitrary#withoutComments}. */
  public PublicKeyArbitrary withoutComments() {
    return new PublicKeyArbitrary(pairs.withoutComments());
  }

  @Override
  protected Arbitrary<SshPublicKey> arbitrary() {
    return pairs.publicKeys();
  }

  @Override
  public String toString() {
    return "SshKeys.publicKeys() from " + pairs;
  }
}
