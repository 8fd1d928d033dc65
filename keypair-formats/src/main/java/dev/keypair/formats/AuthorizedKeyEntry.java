package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.SshPublicKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A key line of an {@code authorized_keys} file: options, then the key as an OpenSSH public key line.
 * <pre>
 * no-pty,command="/usr/bin/backup \"daily\"" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI... backup@host
 * ^options (optional)                        ^type       ^base64 blob                ^comment
 * </pre>
 *
 * <p>An entry read from a file keeps its bytes and {@link #toBytes()} gives them back unchanged, the
 * spelling of its options and its spacing included. An entry made or changed through this API
 * ({@link #of}, {@link #withOptions}, {@link #withKey}) is written in the canonical form
 * {@code opt1,opt2="v" type base64 comment}, a {@code "} in a value escaped as {@code \"}. A changed
 * entry keeps the line end it was read with (CRLF or LF); a new one has LF.
 *
 * <p>At most one {@code command}, one {@code from} and one {@code principals} option, as sshd
 * requires ({@link ErrorCode#INVALID_OPTION} otherwise); the comment cannot hold a CR, LF or NUL
 * ({@link ErrorCode#UNREPRESENTABLE}). Equal when the options (in order) and the key (comment
 * included) are; the original spelling is not compared.
 */
public final class AuthorizedKeyEntry implements AuthorizedKeysLine {

  private static final List<String> SINGLE = List.of("command", "from", "principals");

  private final List<AuthorizedKeyOption> options;
  private final SshPublicKey key;
  /** The line as read, or null for an entry made through the API. */
  private final byte[] raw;
  /** Whether the line was read with a CRLF end. */
  private final boolean crlf;

  private AuthorizedKeyEntry(List<AuthorizedKeyOption> options, SshPublicKey key, byte[] raw, boolean crlf) {
    this.options = options;
    this.key = key;
    this.raw = raw;
    this.crlf = crlf;
  }

  /** An entry without options. */
  public static AuthorizedKeyEntry of(SshPublicKey key) {
    return of(List.of(), key);
  }

  /**
   * An entry with these options, in this order.
   *
   * @throws KeyPairException {@link ErrorCode#INVALID_OPTION} for a repeated {@code command}, {@code from}
   *     or {@code principals}; {@link ErrorCode#UNREPRESENTABLE} for a comment with a line break or NUL
   */
  public static AuthorizedKeyEntry of(List<AuthorizedKeyOption> options, SshPublicKey key) {
    return checked(List.copyOf(options), Objects.requireNonNull(key, "key"), null, false);
  }

  /** An entry read from {@code raw}, which the entry now owns. */
  static AuthorizedKeyEntry parsed(List<AuthorizedKeyOption> options, SshPublicKey key, byte[] raw) {
    return checked(List.copyOf(options), key, raw, false);
  }

  private static AuthorizedKeyEntry checked(List<AuthorizedKeyOption> options, SshPublicKey key, byte[] raw,
      boolean crlf) {
    for (int i = 0; i < options.size(); i++) {
      String name = options.get(i).name();
      if (SINGLE.contains(name)) {
        for (int j = i + 1; j < options.size(); j++) {
          if (options.get(j).name().equals(name)) {
            throw new KeyPairException(ErrorCode.INVALID_OPTION,
                "authorized_keys option '" + name + "' appears more than once");
          }
        }
      }
    }
    if (raw == null && !key.comment().fitsOnOneLine()) {
      // a line read from a file is written back as it was; only entries built or changed here are encoded
      throw new KeyPairException(ErrorCode.UNREPRESENTABLE,
          "a comment with a line feed, a NUL or a final carriage return cannot be written in authorized_keys");
    }
    return new AuthorizedKeyEntry(options, key, raw, crlf);
  }

  /** This entry, marked as read with a CRLF end. */
  AuthorizedKeyEntry readWithCrlf() {
    return new AuthorizedKeyEntry(options, key, raw, true);
  }

  /** The same key with these options; written canonically unless they equal the current ones. */
  public AuthorizedKeyEntry withOptions(List<AuthorizedKeyOption> newOptions) {
    List<AuthorizedKeyOption> copy = List.copyOf(newOptions);
    return copy.equals(options) ? this : checked(copy, key, null, crlf);
  }

  /** The same options with this key; written canonically unless it equals the current one. */
  public AuthorizedKeyEntry withKey(SshPublicKey newKey) {
    Objects.requireNonNull(newKey, "newKey");
    return newKey.equals(key) ? this : checked(options, newKey, null, crlf);
  }

  /** The options, in line order. */
  public List<AuthorizedKeyOption> options() {
    return options;
  }

  /** The key and its comment. */
  public SshPublicKey key() {
    return key;
  }

  /** The first option of this name, compared without regard to case. */
  public Optional<AuthorizedKeyOption> option(String name) {
    Objects.requireNonNull(name, "name");
    for (AuthorizedKeyOption o : options) {
      if (o.name().equalsIgnoreCase(name)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  /** The line as read, or the canonical line for an entry made or changed through the API. */
  @Override
  public byte[] toBytes() {
    return raw != null ? raw.clone() : canonical();
  }

  /** The bytes, not copied where the entry holds them; for {@link AuthorizedKeys}, which never modifies them. */
  byte[] bytes() {
    return raw != null ? raw : canonical();
  }

  /** Whether the line was read with a CRLF end. */
  boolean crlf() {
    return crlf;
  }

  private byte[] canonical() {
    byte[] keyLine = OpenSshPublicKeys.encode(key);
    if (options.isEmpty()) {
      return keyLine;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(keyLine.length + 16 * options.size());
    for (int i = 0; i < options.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(options.get(i).encode().getBytes(StandardCharsets.UTF_8));
    }
    out.write(' ');
    out.writeBytes(keyLine);
    return out.toByteArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthorizedKeyEntry other && options.equals(other.options) && key.equals(other.key);
  }

  @Override
  public int hashCode() {
    return options.hashCode() * 31 + key.hashCode();
  }

  @Override
  public String toString() {
    return "AuthorizedKeyEntry[" + (options.isEmpty() ? "" : options + " ") + key + "]";
  }
}
