package dev.keypair.testkit;

import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.PrivateKeyFormat;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A key pair and its encoding in one private key format, from {@link EncodedKeys#privateKeys()}.
 *
 * @param key        the key pair; its comment is the one {@code text} carries (empty for PEM and PKCS#8,
 *                   which have none)
 * @param format     the format of {@code text}
 * @param lineEnding how the lines of {@code text} end
 * @param passphrase the passphrase {@code text} is encrypted with, or empty if it is not encrypted
 * @param text       the file's content, as keypair's encoder writes it, with {@code lineEnding}
 */
public record EncodedPrivateKey(SshPrivateKey key, PrivateKeyFormat format, LineEnding lineEnding,
    Optional<String> passphrase, String text) {

  /** Checks that no component is null. */
  public EncodedPrivateKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(lineEnding, "lineEnding");
    Objects.requireNonNull(passphrase, "passphrase");
    Objects.requireNonNull(text, "text");
  }

  /** Whether {@code text} is encrypted. */
  public boolean isEncrypted() {
    return passphrase.isPresent();
  }

  /**
   * The passphrase as keypair takes it, a new object each call (the caller may destroy it), or {@code null}
   * if the key is not encrypted: what {@code PrivateKeys.decode(bytes(), toPassphrase())} needs.
   */
  public Passphrase toPassphrase() {
    return passphrase.map(p -> Passphrase.of(p.toCharArray())).orElse(null);
  }

  /** {@code text} in UTF-8, a new array each call. */
  public byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The key's type, size and comment, the format, the line ends and whether encrypted; never the passphrase or
   * the private key, so that jqwik's report of a failing try shows no secret (its seed reproduces the try).
   */
  @Override
  public String toString() {
    return "EncodedPrivateKey[" + key + ", " + format + ", " + lineEnding + ", "
        + (isEncrypted() ? "encrypted" : "not encrypted") + "]";
  }
}
