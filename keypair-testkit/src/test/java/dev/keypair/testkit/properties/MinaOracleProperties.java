package dev.keypair.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyData;
import dev.keypair.core.SshPublicKey;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.AuthorizedKeyOption;
import dev.keypair.formats.OpenSshPublicKeys;
import dev.keypair.testkit.SshKeys;
import dev.keypair.testsupport.TestKeys;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * Apache MINA sshd-common as an in-JVM oracle: it reads our lines to the same key and fingerprints it the same.
 * Real keys only (MINA tests RSA moduli for primality): the testkit's, and the RSA and DSA fixtures.
 */
class MinaOracleProperties {

  @Property(tries = 150)
  void minaReadsOurLinesAndAgreesOnFingerprints(@ForAll("jcaKeys") KeyData key) throws Exception {
    String line = OpenSshPublicKeys.encodeToString(SshPublicKey.of(key, Comment.of("oracle@test")));
    PublicKeyEntry entry = PublicKeyEntry.parsePublicKeyEntry(line);
    PublicKey mina = entry.resolvePublicKey(null, null, null);
    assertThat(KeyData.fromJca(mina)).isEqualTo(key);
    assertThat(KeyUtils.getFingerPrint(BuiltinDigests.sha256, mina)).isEqualTo(Fingerprints.sha256(key).value());
    assertThat(KeyUtils.getFingerPrint(BuiltinDigests.md5, mina)).isEqualTo(Fingerprints.md5(key).value());
  }

  /**
   * MINA and keypair read the same options and key from an authorized_keys line. (MINA cannot read an
   * escaped quote followed by further options, so those are left to keypair's own tests.)
   */
  @Property(tries = 100)
  void minaReadsOurAuthorizedKeysOptions(@ForAll("jcaKeys") KeyData key) throws Exception {
    dev.keypair.formats.AuthorizedKeyEntry entry = dev.keypair.formats.AuthorizedKeyEntry.of(List.of(
        AuthorizedKeyOption.flag("no-pty"), AuthorizedKeyOption.of("command", "echo hi"),
        AuthorizedKeyOption.of("from", "10.0.0.0/8,!10.1.0.0/16")), SshPublicKey.of(key, Comment.of("ops")));
    String line = new String(entry.toBytes(), java.nio.charset.StandardCharsets.UTF_8);
    AuthorizedKeyEntry mina = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line);
    assertThat(KeyData.fromJca(mina.resolvePublicKey(null, null, null))).isEqualTo(key);
    assertThat(mina.getLoginOptions()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "no-pty", "true", "command", "echo hi", "from", "10.0.0.0/8,!10.1.0.0/16"));
    assertThat(mina.getComment()).isEqualTo("ops");
  }

  @Provide
  Arbitrary<KeyData> jcaKeys() {
    return Arbitraries.frequencyOf(Tuple.of(9, SshKeys.publicKeys().withoutComments().map(SshPublicKey::keyData)),
        Tuple.of(1, Arbitraries.of("rsa1024", "rsa2049", "ca_rsa", "dsa1024").map(TestKeys::fixtureKey)));
  }
}
