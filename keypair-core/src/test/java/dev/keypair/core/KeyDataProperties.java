package dev.keypair.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.internal.SshWireWriter;
import dev.keypair.testsupport.TestKeys;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KeyDataProperties {

  @Property
  void blobRoundTrip(@ForAll("keys") KeyData key) {
    assertThat(KeyData.fromBlob(key.blob().toByteArray())).isEqualTo(key);
  }

  /** On arbitrary bytes the decoder returns a key or throws KeyPairException, nothing else. */
  @Property(tries = 2000)
  void decoderIsTotal(@ForAll("blobish") byte[] bytes) {
    try {
      KeyData k = KeyData.fromBlob(bytes);
      assertThat(k.blob().toByteArray()).isEqualTo(bytes);
    } catch (KeyPairException expected) {
      assertThat(expected.getMessage()).doesNotContain("\n");
    }
  }

  /** Every one-byte change of a valid blob gives the same bytes back or a typed error. */
  @Property(tries = 300)
  void mutatedBlobsAreTotal(@ForAll("keys") KeyData key, @ForAll int position, @ForAll byte value) {
    byte[] b = key.blob().toByteArray();
    b[Math.floorMod(position, b.length)] = value;
    try {
      assertThat(KeyData.fromBlob(b).blob().toByteArray()).isEqualTo(b);
    } catch (KeyPairException expected) {
      // typed
    }
  }

  @Provide
  Arbitrary<KeyData> keys() {
    return TestKeys.keyData();
  }

  @Provide
  Arbitrary<byte[]> blobish() {
    Arbitrary<String> names = Arbitraries.of("ssh-rsa", "ssh-dss", "ssh-ed25519", "ecdsa-sha2-nistp256",
        "ssh-ed25519-cert-v01@openssh.com", "sk-ssh-ed25519@openssh.com", "x");
    Arbitrary<byte[]> tails = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<byte[]> structured = net.jqwik.api.Combinators.combine(names, tails)
        .as((n, t) -> new SshWireWriter().writeString(n).writeRaw(t).toByteArray());
    return Arbitraries.oneOf(structured, Arbitraries.bytes().array(byte[].class).ofMaxSize(100));
  }
}
