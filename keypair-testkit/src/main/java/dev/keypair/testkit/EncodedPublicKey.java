package dev.keypair.testkit;

import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.PublicKeyFormat;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A public key and its encoding in one format, from {@link EncodedKeys#publicKeys()}.
 *
 * @param key        the key; its comment is the one {@code text} carries (empty for the formats without a
 *                   comment: PEM, PKCS#1, Base64 DER)
 * @param format     the format of {@code text}
 * @param lineEnding how the lines of {@code text} end
 * @param text       the file's content, as keypair's encoder writes it, with {@code lineEnding}
 */
public record EncodedPublicKey(SshPublicKey key, PublicKeyFormat format, LineEnding lineEnding, String text) {

  /** Checks that no component is null. */
  public EncodedPublicKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(lineEnding, "lineEnding");
    Objects.requireNonNull(text, "text");
  }

  /** {@code text} in UTF-8, a new array each call. */
  public byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
