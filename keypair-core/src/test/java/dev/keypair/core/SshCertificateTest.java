package dev.keypair.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.internal.SshWireReader;
import dev.keypair.core.internal.SshWireWriter;
import dev.keypair.testsupport.TestKeys;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SshCertificateTest {

  /** The fields ssh-keygen -s wrote (see make-public-fixtures.sh). */
  @Test
  void userCertificateFields() {
    SshCertificate c = (SshCertificate) TestKeys.fixtureKey("ed25519-user-cert");
    assertThat(c.algorithmName()).isEqualTo("ssh-ed25519-cert-v01@openssh.com");
    assertThat(c.type()).isEqualTo(KeyType.ED25519);
    assertThat(c.label()).isEqualTo("ED25519-CERT");
    assertThat(c.isCertificate()).isTrue();
    assertThat(c.certifiedKey()).isEqualTo(TestKeys.fixtureKey("ed25519"));
    assertThat(c.plainKey()).isSameAs(c.certifiedKey());
    assertThat(c.serial()).isEqualTo(42);
    assertThat(c.kind()).isEqualTo(SshCertificate.Kind.USER);
    assertThat(c.keyId()).isEqualTo("user cert for ed25519");
    assertThat(c.principals()).containsExactly("alice", "bob");
    // -V 20250101:20350101 is local time on the machine that made the fixture (UTC there)
    assertThat(c.validAfter()).isEqualTo(LocalDate.of(2025, 1, 1).atStartOfDay(ZoneId.of("UTC")).toInstant());
    assertThat(c.validBefore()).isEqualTo(LocalDate.of(2035, 1, 1).atStartOfDay(ZoneId.of("UTC")).toInstant());
    assertThat(c.isValidAt(Instant.parse("2030-06-01T00:00:00Z"))).isTrue();
    assertThat(c.isValidAt(Instant.parse("2036-06-01T00:00:00Z"))).isFalse();
    assertThat(c.criticalOptions()).extracting(SshCertificate.Option::name)
        .containsExactly("force-command", "source-address");
    assertThat(c.criticalOptions().get(0).stringValue()).contains("/usr/bin/true");
    assertThat(c.criticalOptions().get(1).stringValue()).contains("10.0.0.0/8");
    assertThat(c.extensions()).extracting(SshCertificate.Option::name).containsExactly("permit-X11-forwarding",
        "permit-agent-forwarding", "permit-port-forwarding", "permit-pty", "permit-user-rc");
    assertThat(c.extensions().get(0).data().isEmpty()).isTrue();
    assertThat(c.signatureKey()).isEqualTo(TestKeys.fixtureKey("ca_ed25519"));
    assertThat(c.signedData().length() + 4 + c.signature().length()).isEqualTo(c.blob().length());
  }

  @Test
  void hostCertificateAndEveryCertifiedType() {
    SshCertificate host = (SshCertificate) TestKeys.fixtureKey("ecdsa256-host-cert");
    assertThat(host.kind()).isEqualTo(SshCertificate.Kind.HOST);
    assertThat(host.principals()).containsExactly("host.example.com");
    assertThat(host.signatureKey()).isEqualTo(TestKeys.fixtureKey("ca_rsa"));
    assertThat(host.validBefore()).isEqualTo(Instant.MAX); // no -V: forever
    for (String k : new String[] {"rsa2048", "ecdsa384", "dsa1024"}) {
      SshCertificate c = (SshCertificate) TestKeys.fixtureKey(k + "-user-cert");
      assertThat(c.certifiedKey()).isEqualTo(TestKeys.fixtureKey(k));
    }
  }

  /** HOSTILE 26: a certificate whose signature key is a certificate, nested 10,000 deep, is refused without recursion. */
  @Test
  void hostile26CertificateNested10000DeepAsSignatureKeyIsRefused() {
    SshCertificate c = (SshCertificate) TestKeys.fixtureKey("ed25519-user-cert");
    byte[] signed = c.signedData().toByteArray();
    int sigKeyLength = 4 + c.signatureKey().blob().length();
    byte[] prefix = java.util.Arrays.copyOf(signed, signed.length - sigKeyLength); // up to the signature key
    byte[] suffix = new SshWireWriter().writeString(c.signature().toByteArray()).toByteArray();
    byte[] innermost = c.blob().toByteArray();
    int depth = 10_000;
    // level k = prefix || uint32 len(level k-1) || level k-1 || suffix, written outside in, in one pass
    long[] lengths = new long[depth + 1];
    lengths[0] = innermost.length;
    for (int k = 1; k <= depth; k++) {
      lengths[k] = prefix.length + 4 + lengths[k - 1] + suffix.length;
    }
    SshWireWriter w = new SshWireWriter((int) lengths[depth]);
    for (int k = depth; k >= 1; k--) {
      w.writeRaw(prefix).writeUint32(lengths[k - 1]);
    }
    w.writeRaw(innermost);
    for (int k = 1; k <= depth; k++) {
      w.writeRaw(suffix);
    }
    byte[] nested = w.toByteArray();
    assertThat((long) nested.length).isEqualTo(lengths[depth]);
    KeyDataTest.assertCode(() -> KeyData.fromBlob(nested), ErrorCode.FORMAT, "signature key is itself a certificate");
  }

  @Test
  void unknownCertificateTypeIsRefused() {
    byte[] blob = TestKeys.fixtureKey("ed25519-user-cert").blob().toByteArray();
    // type field follows: name, nonce, key, serial
    SshWireReader r = new SshWireReader(blob, "x");
    r.readString("name");
    r.readString("nonce");
    r.readString("key");
    r.readUint64("serial");
    int at = r.offset();
    blob[at + 3] = 3;
    KeyDataTest.assertCode(() -> KeyData.fromBlob(blob), ErrorCode.FORMAT, "neither user (1) nor host (2)");
  }
}
