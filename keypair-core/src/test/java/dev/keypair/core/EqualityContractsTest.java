package dev.keypair.core;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import dev.keypair.testsupport.TestKeys;
import org.junit.jupiter.api.Test;

/** equals/hashCode contracts of the value types, checked with Guava's testlib. */
class EqualityContractsTest {

  @Test
  void bytes() {
    new EqualsTester()
        .addEqualityGroup(Bytes.of(new byte[] {1, 2}), Bytes.fromHex("0102"), Bytes.of(new byte[] {0, 1, 2}, 1, 2))
        .addEqualityGroup(Bytes.empty(), Bytes.of(new byte[0]))
        .addEqualityGroup(Bytes.of(new byte[] {2, 1}))
        .testEquals();
  }

  @Test
  void comments() {
    new EqualsTester()
        .addEqualityGroup(Comment.of("me@host"), Comment.ofBytes("me@host".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .addEqualityGroup(Comment.none(), Comment.of(""), Comment.ofBytes(new byte[0]))
        .addEqualityGroup(Comment.of("me@host "))
        .testEquals();
  }

  @Test
  void keysAreEqualByBlob() {
    KeyData ed = TestKeys.fixtureKey("ed25519");
    KeyData cert = TestKeys.fixtureKey("ed25519-user-cert");
    new EqualsTester()
        .addEqualityGroup(ed, KeyData.fromBlob(ed.blob().toByteArray()), ((SshCertificate) cert).certifiedKey())
        .addEqualityGroup(cert, KeyData.fromBlob(cert.blob().toByteArray()))
        .addEqualityGroup(TestKeys.fixtureKey("rsa2048"))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(SshPublicKey.of(ed, Comment.of("a")), SshPublicKey.of(ed).withComment(Comment.of("a")))
        .addEqualityGroup(SshPublicKey.of(ed))
        .testEquals();
  }

  @Test
  void factoriesRejectNulls() {
    NullPointerTester t = new NullPointerTester()
        .setDefault(Comment.class, Comment.none())
        .setDefault(KeyData.class, TestKeys.fixtureKey("ed25519"))
        .setDefault(Bytes.class, Bytes.empty())
        .setDefault(KeyPairLimits.class, KeyPairLimits.defaults())
        .setDefault(EcCurve.class, EcCurve.NISTP256)
        .setDefault(java.math.BigInteger.class, java.math.BigInteger.valueOf(3))
        .setDefault(java.security.PublicKey.class, TestKeys.fixtureKey("ed25519").toJcaPublicKey());
    t.testAllPublicStaticMethods(Comment.class);
    t.testAllPublicStaticMethods(SshPublicKey.class);
    t.testAllPublicStaticMethods(RsaKeyData.class);
    t.testAllPublicStaticMethods(EcdsaKeyData.class);
  }
}
