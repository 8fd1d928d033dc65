package dev.keypair.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.internal.CoreAccess;
import dev.keypair.core.internal.Wipe;
import dev.keypair.testsupport.Wipes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void secretBytesAreRedactedComparedInConstantTimeAndWiped() {
    SecretBytes a = SecretBytes.copyOf(new byte[] {1, 2, 3});
    SecretBytes b = SecretBytes.copyOf(new byte[] {9, 1, 2, 3, 9}, 1, 3);
    assertThat(a.toString()).isEqualTo("[redacted, 3 bytes]");
    assertThat(a.equalsConstantTime(b)).isTrue();
    assertThat(a).isNotEqualTo(b); // identity only: no equals on secrets
    byte[] backing = CoreAccess.array(a);
    a.destroy();
    assertThat(a.isDestroyed()).isTrue();
    assertThat(Wipe.isWiped(backing)).isTrue();
    assertThatThrownBy(() -> a.toByteArray(InsecureSecretAccess.get())).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.toByteArray(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void passphraseUtf8AndWipes() {
    char[] typed = "pässwörd €".toCharArray();
    Passphrase p = Passphrase.of(typed);
    assertThat(p.toString()).isEqualTo("[redacted]");
    byte[] utf8 = CoreAccess.utf8(p);
    assertThat(utf8).isEqualTo("pässwörd €".getBytes(StandardCharsets.UTF_8));
    try (Passphrase q = Passphrase.fromUtf8(utf8)) {
      assertThat(q.toCharArray(InsecureSecretAccess.get())).isEqualTo(typed);
    }
    assertThat(Wipes.during(p::close).buffers()).hasSize(1).allMatch(Wipe::isWiped);
    assertThatThrownBy(() -> CoreAccess.utf8(p)).isInstanceOf(IllegalStateException.class);
    // the encoder writes into one buffer, which is wiped: no grown copy is left behind (non-ASCII takes more)
    try (Passphrase wide = Passphrase.of("ééé€€€𝄞".toCharArray())) {
      Wipes.Observed w = Wipes.during(() -> CoreAccess.utf8(wide));
      assertThat(w.tags()).containsExactly("passphrase-encode");
      assertThat(w.allWiped()).isTrue();
    }
    assertThatThrownBy(() -> Passphrase.fromUtf8(new byte[] {(byte) 0xff}))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORMAT))
        .hasMessage("the passphrase is not valid UTF-8");
  }

  @Test
  void wordBuffersAreWipedThroughTheObserver() {
    int[] state = {1, 0, -7};
    assertThat(Wipe.isWiped(state)).isFalse();
    Wipes.Observed w = Wipes.during(() -> {
      Wipe.wipe("cipher-state", state);
      Wipe.wipe("cipher-state", (int[]) null);
    });
    assertThat(w.tags()).containsExactly("cipher-state");
    assertThat(w.buffers()).singleElement().isSameAs(state);
    assertThat(state).containsOnly(0);
    assertThat(Wipe.isWiped(state)).isTrue();
  }
}
