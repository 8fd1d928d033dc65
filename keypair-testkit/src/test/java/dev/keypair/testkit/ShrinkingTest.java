package dev.keypair.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PublicKeyFormat;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.Shrinkable;

/**
 * Shrinking goes where the Javadoc says: a property that fails for every value is reported with the smallest
 * one (shorter comments, fewer options, RSA and the pool's first key, seed 0, the first format, LF, no
 * encryption); one that fails from some size on, with a value of that size.
 */
class ShrinkingTest {

  /** The value jqwik reports when {@code fails} holds for the first value drawn and then for each shrink taken. */
  private static <T> T shrunk(Arbitrary<T> arbitrary, long seed, Predicate<T> fails) {
    Random random = new Random(seed);
    Shrinkable<T> current;
    do {
      current = arbitrary.generator(1000).next(random);
    } while (!fails.test(current.value()));
    for (int step = 0; step < 10_000; step++) {
      Optional<Shrinkable<T>> smaller = current.shrink().filter(s -> fails.test(s.value())).findFirst();
      if (smaller.isEmpty()) {
        return current.value();
      }
      current = smaller.get();
    }
    throw new AssertionError("shrinking did not end");
  }

  @Example
  void commentsShrinkToEmptyOrToTheShortestThatFails() {
    for (long seed = 0; seed < 20; seed++) {
      assertThat(shrunk(SshKeys.comments(), seed, c -> true)).isEqualTo(Comment.none());
      assertThat(shrunk(SshKeys.comments(), seed, c -> c.bytes().length() >= 3).bytes().length()).isEqualTo(3);
    }
  }

  @Example
  void keyPairsShrinkToThePoolsFirstKeyAndSeedZero() {
    for (long seed = 0; seed < 10; seed++) {
      SshPrivateKey k = shrunk(SshKeys.keyPairs(), seed, x -> true);
      assertThat(k.sameKey(RsaPool.keys().get(0))).isTrue();
      assertThat(k.comment()).isEqualTo(Comment.none());
      assertThat(shrunk(SshKeys.keyPairs().ofTypes(KeyType.ED25519), seed, x -> true)
          .sameKey(KeyPairArbitrary.ed25519(0))).isTrue();
      assertThat(shrunk(SshKeys.publicKeys(), seed, x -> x.type() != KeyType.RSA).type())
          .isEqualTo(KeyType.ECDSA_NISTP256);
    }
  }

  @Example
  void optionListsAndLinesShrinkToFewerOptions() {
    for (long seed = 0; seed < 10; seed++) {
      assertThat(shrunk(AuthorizedKeysLines.optionLists(), seed, l -> l.size() >= 2)).hasSize(2);
      AuthorizedKeysLineSample line = shrunk(AuthorizedKeysLines.lines(), seed, l -> true);
      assertThat(line.options()).isEmpty();
      assertThat(line.comment()).isEqualTo(Comment.none());
      assertThat(shrunk(AuthorizedKeysLines.files(), seed, f -> true).text()).isEmpty();
    }
  }

  @Example
  void encodedKeysShrinkToTheFirstFormatLfAndNoEncryption() {
    for (long seed = 0; seed < 5; seed++) {
      EncodedPrivateKey p = shrunk(EncodedKeys.privateKeys(), seed, x -> true);
      assertThat(p.format()).isEqualTo(PrivateKeyFormat.OPENSSH);
      assertThat(p.lineEnding()).isEqualTo(LineEnding.LF);
      assertThat(p.isEncrypted()).isFalse();
      EncodedPrivateKey encrypted = shrunk(EncodedKeys.privateKeys(), seed, EncodedPrivateKey::isEncrypted);
      assertThat(encrypted.passphrase().orElseThrow()).hasSize(1);
      EncodedPublicKey q = shrunk(EncodedKeys.publicKeys(), seed, x -> true);
      assertThat(q.format()).isEqualTo(PublicKeyFormat.OPENSSH);
      assertThat(q.lineEnding()).isEqualTo(LineEnding.LF);
    }
  }
}
