package dev.keypair.formats;

import dev.keypair.core.SshPublicKey;
import java.util.List;
import java.util.Objects;

/**
 * A public key as read from some input, with what the key alone does not carry: the format it was in,
 * the {@code authorized_keys} options in front of it and the RFC 4716 headers around it.
 *
 * @param key     the key and its comment
 * @param format  the detected input format
 * @param options the {@code authorized_keys} options of the key's line; empty for other formats
 * @param headers the RFC 4716 headers, in file order; empty for other formats
 */
public record DecodedPublicKey(SshPublicKey key, KeyFormat format, List<AuthorizedKeyOption> options,
    List<Rfc4716.Header> headers) {

  public DecodedPublicKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(format, "format");
    options = List.copyOf(options);
    headers = List.copyOf(headers);
  }

  static DecodedPublicKey of(SshPublicKey key, KeyFormat format) {
    return new DecodedPublicKey(key, format, List.of(), List.of());
  }
}
