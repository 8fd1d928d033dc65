package dev.keypair.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.Comment;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.KeyType;
import dev.keypair.core.RsaPrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/** What SshKeys and RsaPool make: real keys of the types and sizes asked, reproducibly, with sound comments. */
class SshKeysProperties {

  @Example
  void thePoolHoldsRealKeysOfThreeSizesSmallestFirst() {
    List<SshPrivateKey> keys = RsaPool.keys();
    assertThat(keys).hasSize(18);
    assertThat(keys).extracting(SshPrivateKey::bits).isSorted();
    assertThat(RsaPool.sizes()).containsExactly(2048, 3072, 4096);
    assertThat(RsaPool.keys(2048)).hasSize(8);
    assertThat(RsaPool.keys(3072)).hasSize(6);
    assertThat(RsaPool.keys(4096)).hasSize(4);
    assertThat(keys).extracting(k -> k.publicKey().keyData()).doesNotHaveDuplicates();
    for (SshPrivateKey k : keys) {
      RsaPrivateKeyData rsa = (RsaPrivateKeyData) k.keyData();
      assertThat(rsa.primeP(InsecureSecretAccess.get()).isProbablePrime(40)).isTrue();
      assertThat(rsa.primeQ(InsecureSecretAccess.get()).isProbablePrime(40)).isTrue();
      assertThat(rsa.publicKey().publicExponent()).isEqualTo(BigInteger.valueOf(65537));
    }
    assertThatThrownBy(() -> RsaPool.keys(1024)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("freshRsa");
  }

  @Example
  void eachCallGivesKeysOfItsOwn() {
    SshPrivateKey a = RsaPool.keys().get(0);
    a.destroy();
    assertThat(RsaPool.keys().get(0).isDestroyed()).isFalse();
  }

  /** Every key pair is of a type keypair writes, its public half matches it, its comment is one of comments(). */
  @Property(tries = 100)
  void keyPairsAreRealKeysWithSoundComments(@ForAll("keyPairs") SshPrivateKey key) {
    assertThat(SshKeys.keyTypes().allValues().orElseThrow()).contains(key.type());
    assertThat(SshPrivateKey.fromJca(key.toJcaKeyPair(InsecureSecretAccess.get())).sameKey(key))
        .isTrue();
    assertSound(key.comment());
  }

  @Provide
  Arbitrary<SshPrivateKey> keyPairs() {
    return SshKeys.keyPairs();
  }

  /** No CR, LF or NUL anywhere, no blank at the start. */
  @Property(tries = 1000)
  void commentsFitAnOpenSshLine(@ForAll("comments") Comment comment) {
    assertSound(comment);
  }

  @Provide
  Arbitrary<Comment> comments() {
    return SshKeys.comments();
  }

  private static void assertSound(Comment comment) {
    byte[] b = comment.bytes().toByteArray();
    assertThat(b).doesNotContain((byte) '\n', (byte) '\r', (byte) 0);
    if (b.length > 0) {
      assertThat(b[0]).isNotIn((byte) ' ', (byte) '\t');
    }
    assertThat(comment.fitsOnOneLine()).isTrue();
  }

  /** Public keys of every type, the pool's RSA keys among them. */
  @Property(tries = 200)
  void publicKeysAreOfEveryTypeAndRsaFromThePool(@ForAll("publicKeys") SshPublicKey key) {
    assertThat(SshKeys.keyTypes().allValues().orElseThrow()).contains(key.type());
    if (key.type() == KeyType.RSA) {
      assertThat(RsaPool.keys()).anyMatch(k -> k.publicKey().keyData().equals(key.keyData()));
    }
    assertSound(key.comment());
  }

  @Provide
  Arbitrary<SshPublicKey> publicKeys() {
    return SshKeys.publicKeys();
  }

  @Property(tries = 50)
  void ofTypesAndRsaBitsNarrow(@ForAll("narrowed") SshPublicKey key) {
    assertThat(key.type()).isIn(KeyType.RSA, KeyType.ED25519);
    if (key.type() == KeyType.RSA) {
      assertThat(key.bits()).isEqualTo(4096);
    }
    assertThat(key.comment().isEmpty()).isTrue();
  }

  @Provide
  Arbitrary<SshPublicKey> narrowed() {
    return SshKeys.publicKeys().ofTypes(KeyType.RSA, KeyType.ED25519).rsaBits(4096).withoutComments();
  }

  @Example
  void freshKeysAreTheSameForTheSameRandom() {
    KeyPairArbitrary fresh = SshKeys.keyPairs().ofTypes(KeyType.RSA).freshRsa().rsaBits(1024, 2049);
    for (long seed : new long[] {0, 42}) {
      SshPrivateKey a = fresh.generator(10).next(new Random(seed)).value();
      SshPrivateKey b = fresh.generator(10).next(new Random(seed)).value();
      assertThat(a.sameKey(b)).isTrue();
      assertThat(a.comment()).isEqualTo(b.comment());
      assertThat(a.bits()).isIn(1024, 2049);
      assertThat(RsaPool.keys()).noneMatch(k -> k.sameKey(a));
    }
    for (KeyType t : List.of(KeyType.ECDSA_NISTP521, KeyType.ED25519)) {
      KeyPairArbitrary keys = SshKeys.keyPairs().ofTypes(t);
      assertThat(keys.generator(10).next(new Random(7)).value()
          .sameKey(keys.generator(10).next(new Random(7)).value())).isTrue();
      PublicKeyArbitrary publicKeys = SshKeys.publicKeys().ofTypes(t);
      SshPublicKey a = publicKeys.generator(10).next(new Random(7)).value();
      assertThat(a).isEqualTo(publicKeys.generator(10).next(new Random(7)).value());
      assertThat(a.type()).isEqualTo(t);
    }
  }

  @Example
  void optionsRefuseWhatTheTestkitCannotMake() {
    assertThatThrownBy(() -> SshKeys.keyPairs().ofTypes(KeyType.DSA)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SshKeys.keyPairs().ofTypes()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SshKeys.keyPairs().rsaBits(512)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SshKeys.keyPairs().rsaBits(1024).generator(1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("freshRsa");
    assertThat(KeyPairLimits.defaults().rsaMinBits()).isEqualTo(1024);
  }
}
