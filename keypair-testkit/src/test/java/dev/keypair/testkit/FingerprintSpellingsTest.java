package dev.keypair.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.EcCurve;
import dev.keypair.core.Comment;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import dev.keypair.fingerprint.FingerprintAlgorithm;
import dev.keypair.fingerprint.FingerprintMatcher;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import dev.keypair.testsupport.ExternalTools;
import dev.keypair.testsupport.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every spelling FingerprintSpellings gives is matched to its key, as the fingerprint it says, and to no other key. */
class FingerprintSpellingsTest {

  /** Private keys: ssh-keygen's RSA keys (for AWS's created-key SHA-1) and seeded Ed25519 and ECDSA keys. */
  @Provide
  Arbitrary<SshPrivateKey> privateKeys() {
    return Arbitraries.oneOf(Arbitraries.of(TestKeys.rsaPool()).map(SshPrivateKey::of), SshKeys.keyPairs());
  }

  @Provide
  Arbitrary<FingerprintSpelling> privateKeySpellings() {
    return privateKeys().flatMap(FingerprintSpellings::spellings);
  }

  @Property(tries = 300)
  void everySpellingMatchesItsKeyAsItsAlgorithm(@ForAll("spellings") FingerprintSpelling s) {
    assertThat(FingerprintMatcher.match(s.key(), s.text()).matched()).as(s.text()).contains(s.algorithm());
  }

  @Provide
  Arbitrary<FingerprintSpelling> spellings() {
    return FingerprintSpellings.spellings();
  }

  @Property(tries = 300)
  void everySpellingOfAPrivateKeyMatchesIt(@ForAll("privateKeys") SshPrivateKey key,
      @ForAll("indices") int index) {
    List<FingerprintSpelling> all = FingerprintSpellings.spellings(key).allValues().orElseThrow().toList();
    FingerprintSpelling s = all.get(index % all.size());
    assertThat(FingerprintMatcher.match(key, s.text()).matched()).as(s.text()).contains(s.algorithm());
  }

  @Provide
  Arbitrary<Integer> indices() {
    return Arbitraries.integers().between(0, 1000);
  }

  @Property(tries = 300)
  void noSpellingMatchesAnotherKey(@ForAll("privateKeySpellings") FingerprintSpelling s,
      @ForAll("privateKeys") SshPrivateKey other) {
    Assume.that(!other.keyData().publicKey().equals(s.key()));
    assertThat(FingerprintMatcher.match(other, s.text()).isMatch()).as(s.text()).isFalse();
  }

  @Test
  void anRsaKeyHasEveryAlgorithmAndShrinksToTheSshKeygenSpelling() {
    SshPrivateKey rsa = SshPrivateKey.of(TestKeys.rsaPool().get(1));
    List<FingerprintSpelling> all = FingerprintSpellings.spellings(rsa).allValues().orElseThrow().toList();
    assertThat(all.get(0).text()).isEqualTo(Fingerprints.sha256(rsa.keyData().publicKey()).value());
    assertThat(all.stream().map(FingerprintSpelling::algorithm).collect(Collectors.toSet()))
        .isEqualTo(EnumSet.allOf(FingerprintAlgorithm.class));
    assertThat(all.stream().map(FingerprintSpelling::text).distinct()).hasSameSizeAs(all);
    Set<String> texts = all.stream().map(FingerprintSpelling::text).collect(Collectors.toSet());
    String md5 = Fingerprints.md5(rsa.keyData().publicKey()).value();
    assertThat(texts).contains(md5, md5.substring(4), md5.substring(4).toUpperCase(), md5.substring(4).replace(":", ""),
        "md5:" + md5.substring(4));
    SshPrivateKey ed = KeyPairArbitrary.ed25519(3);
    List<FingerprintSpelling> ed25519 = FingerprintSpellings.spellings(ed.keyData().publicKey()).allValues()
        .orElseThrow().toList();
    assertThat(ed25519.stream().map(FingerprintSpelling::algorithm).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(FingerprintAlgorithm.SHA256, FingerprintAlgorithm.MD5, FingerprintAlgorithm.SHA1);
  }

  /** ssh-keygen's own output, for keys of each type, is one of the spellings and matches as that algorithm. */
  @Test
  void sshKeygenOutputIsOneOfTheSpellings(@TempDir Path dir) throws Exception {
    List<SshPublicKey> keys = List.of(KeyPairArbitrary.ed25519(1).publicKey(), KeyPairArbitrary.ecdsa(EcCurve.NISTP256, 2).publicKey(),
        TestRegistries.rsa2048());
    int n = 0;
    for (SshPublicKey key : keys) {
      Path file = dir.resolve("key" + (n++) + ".pub");
      Files.write(file, PublicKeys.encode(key.withComment(Comment.none()), PublicKeyFormat.OPENSSH));
      Set<String> texts = FingerprintSpellings.spellings(key.keyData()).allValues().orElseThrow()
          .map(FingerprintSpelling::text).collect(Collectors.toSet());
      for (FingerprintAlgorithm alg : List.of(FingerprintAlgorithm.SHA256, FingerprintAlgorithm.MD5)) {
        String out = ExternalTools.sshKeygen().run("-l", "-E", alg.hashName().toLowerCase(), "-f", file.toString())
            .ok().out();
        assertThat(texts).as(key.type() + " " + alg).contains(out, out.strip(), out.split(" ")[1]);
        assertThat(FingerprintMatcher.match(key.keyData(), out).matched()).contains(alg);
      }
    }
  }
}
