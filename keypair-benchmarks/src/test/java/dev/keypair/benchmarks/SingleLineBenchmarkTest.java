package dev.keypair.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyData;
import java.security.MessageDigest;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every side of {@link SingleLineBenchmark} reads the same key from the line. */
class SingleLineBenchmarkTest {

  @ParameterizedTest
  @ValueSource(strings = {"rsa2048", "rsa4096", "ecdsa256", "ecdsa384", "ecdsa521", "ed25519"})
  void everySideReadsTheSameKey(String keyType) throws Exception {
    SingleLineBenchmark b = new SingleLineBenchmark();
    b.keyType = keyType;
    b.setUp();
    KeyData key = b.keypair().keyData();
    assertThat(key.type().name().toLowerCase()).startsWith(keyType.substring(0, 3));
    assertThat(KeyData.fromJca(b.mina())).as("MINA").isEqualTo(key);
    assertThat(OpenSSHPublicKeyUtil.encodePublicKey(b.bc())).as("BouncyCastle").isEqualTo(key.blob().toByteArray());
    assertThat(b.floorDecode()).as("floor").isEqualTo(key.blob().toByteArray());
    assertThat(b.floorSha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(key.blob().toByteArray()));
  }
}
