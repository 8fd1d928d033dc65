package dev.keypair.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.store.OsType;
import dev.keypair.store.ProviderProfiles;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;

/**
 * Shrinking goes where the Javadoc says, found as jqwik finds it: from a generated value that fails a check,
 * step to the first smaller candidate that still fails, until none does. A property that fails for every value
 * is reported with the smallest one (shorter comments and names, fewer options and operations, RSA and the
 * pool's first key, seed 0, the first format, LF, no encryption); one that fails from some size on, with a value
 * of that size.
 */
class ShrinkingTest {

  private static final int MAX_STEPS = 10_000;
  private static final int MAX_CANDIDATES = 500;

  /** The value jqwik reports when {@code fails} holds for the first failing value drawn from {@code seed}. */
  private static <T> T shrunk(Arbitrary<T> arbitrary, long seed, Predicate<T> fails) {
    RandomGenerator<T> generator = arbitrary.generator(1000);
    Random random = new Random(seed);
    Shrinkable<T> current = generator.next(random);
    for (int i = 0; !fails.test(current.value()); i++) {
      assertThat(i).as("no failing value generated").isLessThan(1000);
      current = generator.next(random);
    }
    for (int step = 0; step < MAX_STEPS; step++) {
      Optional<Shrinkable<T>> smaller = current.shrink().limit(MAX_CANDIDATES).filter(s -> fails.test(s.value()))
          .findFirst();
      if (smaller.isEmpty()) {
        return current.value();
      }
      current = smaller.get();
    }
    throw new AssertionError("still shrinking after " + MAX_STEPS + " steps: " + current.value());
  }

  private static <T> T shrunk(Arbitrary<T> arbitrary, Predicate<T> fails) {
    return shrunk(arbitrary, 42, fails);
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

  @Example
  void validNamesShrinkToTheShortestLowerCaseName() {
    assertThat(shrunk(KeyPairNames.valid(ProviderProfiles.AWS_EC2), n -> true)).isEqualTo("a");
    assertThat(shrunk(KeyPairNames.valid(ProviderProfiles.ALIBABA_ECS), n -> true)).isEqualTo("aa");
    assertThat(shrunk(KeyPairNames.valid(ProviderProfiles.AWS_EC2), n -> n.contains("-"))).isEqualTo("-");
    assertThat(shrunk(KeyPairNames.valid(ProviderProfiles.ALIBABA_ECS), n -> n.codePointCount(0, n.length()) > 5)).isEqualTo("aaaaaa");
  }

  @Example
  void invalidNamesShrinkToTheEmptyName() {
    assertThat(shrunk(KeyPairNames.invalid(ProviderProfiles.ALIBABA_ECS), n -> true)).isEmpty();
    assertThat(shrunk(KeyPairNames.invalid(ProviderProfiles.AWS_EC2), n -> true)).isEmpty();
  }

  @Example
  void spellingsShrinkToSshKeygensSpellingOfTheFirstKey() {
    assertThat(shrunk(FingerprintSpellings.spellings(), s -> true).text())
        .isEqualTo(Fingerprints.sha256(RsaPool.keys().get(0).publicKey().keyData()).value());
    assertThat(shrunk(FingerprintSpellings.spellings(), s -> s.text().startsWith("MD5:")).text())
        .isEqualTo(Fingerprints.md5(RsaPool.keys().get(0).publicKey().keyData()).value());
  }

  @Example
  void sequencesShrinkToTheOneOperationThatFailsOnTheFirstName() {
    List<RegistryOperation> delete = shrunk(RegistryOperations.sequences(ProviderProfiles.HETZNER),
        s -> s.stream().anyMatch(op -> op instanceof RegistryOperation.Delete));
    assertThat(delete).containsExactly(new RegistryOperation.AddInstance("i-1", OsType.LINUX),
        new RegistryOperation.AddInstance("i-2", OsType.WINDOWS), new RegistryOperation.Delete(List.of("a")));
    List<RegistryOperation> none = shrunk(RegistryOperations.sequences(ProviderProfiles.DIGITALOCEAN), s -> true);
    assertThat(none).containsExactly(new RegistryOperation.AddInstance("i-1", OsType.LINUX),
        new RegistryOperation.AddInstance("i-2", OsType.WINDOWS));
  }
}
