package dev.keypair.testkit;

import dev.keypair.core.Comment;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.AuthorizedKeyEntry;
import dev.keypair.formats.AuthorizedKeyOption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One {@code authorized_keys} line, from {@link AuthorizedKeysLines#lines()}: its options, its key and comment,
 * and the line as sshd reads it, without its line end.
 *
 * @param key     the key, with the line's comment
 * @param options the options, in line order, in sshd's spelling (the text may spell names in another case)
 * @param text    the line: options separated by commas, values in double quotes with inner quotes escaped,
 *                blanks, then the key as an OpenSSH public key line
 */
public record AuthorizedKeysLineSample(SshPublicKey key, List<AuthorizedKeyOption> options, String text) {

  /** Checks that no component is null and copies the list. */
  public AuthorizedKeysLineSample {
    Objects.requireNonNull(key, "key");
    options = List.copyOf(options);
    Objects.requireNonNull(text, "text");
  }

  /** The line's comment (the key's). */
  public Comment comment() {
    return key.comment();
  }

  /** The entry keypair makes of these options and key (which keypair writes in its own canonical way). */
  public AuthorizedKeyEntry entry() {
    return AuthorizedKeyEntry.of(options, key);
  }

  /** {@code text} in UTF-8, a new array each call. */
  public byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
