package dev.keypair.formats;

import dev.keypair.core.SshPublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A key read from an RFC 4716 file, with the headers that came with it.
 *
 * <p>The key's comment is the value of the first {@code Comment} header (quotes removed, bytes kept
 * as they were); the headers are all of them, that one included, in file order. Equal when the key
 * (comment included) and the headers are.
 *
 * @see Rfc4716
 */
public final class Rfc4716Key {

  private final SshPublicKey key;
  private final List<Rfc4716.Header> headers;

  Rfc4716Key(SshPublicKey key, List<Rfc4716.Header> headers) {
    this.key = Objects.requireNonNull(key, "key");
    this.headers = List.copyOf(headers);
  }

  /** The key, with the {@code Comment} header's value as its comment (none without that header). */
  public SshPublicKey key() {
    return key;
  }

  /** Every header of the file, in order, continuations joined and surrounding quotes removed. */
  public List<Rfc4716.Header> headers() {
    return headers;
  }

  /** The value of the first header with this tag, compared without regard to case. */
  public Optional<String> header(String tag) {
    Objects.requireNonNull(tag, "tag");
    for (Rfc4716.Header h : headers) {
      if (h.tag().equalsIgnoreCase(tag)) {
        return Optional.of(h.value());
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rfc4716Key other && key.equals(other.key) && headers.equals(other.headers);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + headers.hashCode();
  }

  @Override
  public String toString() {
    return "Rfc4716Key[" + key + ", " + headers.size() + " headers]";
  }
}
