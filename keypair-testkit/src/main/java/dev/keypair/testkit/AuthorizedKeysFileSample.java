package dev.keypair.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The content of an {@code authorized_keys} file, from {@link AuthorizedKeysLines#files()}: key lines among
 * blank lines and {@code #} comment lines.
 *
 * @param entries the key lines, in file order
 * @param text    the file, every line ending in LF
 */
public record AuthorizedKeysFileSample(List<AuthorizedKeysLineSample> entries, String text) {

  /** Checks that no component is null and copies the list. */
  public AuthorizedKeysFileSample {
    entries = List.copyOf(entries);
    Objects.requireNonNull(text, "text");
  }

  /** {@code text} in UTF-8, a new array each call. */
  public byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
