package dev.keypair.core;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A key's comment: bytes, kept exactly as read, with a string view.
 *
 * <p>Formats store comments as bytes (OpenSSH does not say which encoding), so keypair keeps the
 * bytes and round-trips them in every format: spaces inside, non-UTF-8 bytes and all. {@link
 * #toString()} is a lossy UTF-8 view for display. {@link #none()} is the empty comment; a key read
 * from a format without comments (DER, PEM) has it.
 */
public final class Comment {

  private static final Comment NONE = new Comment(Bytes.empty());

  private final Bytes bytes;

  private Comment(Bytes bytes) {
    this.bytes = bytes;
  }

  /** The empty comment. */
  public static Comment none() {
    return NONE;
  }

  /** The UTF-8 bytes of {@code text}. */
  public static Comment of(String text) {
    Objects.requireNonNull(text, "text");
    return text.isEmpty() ? NONE : new Comment(Bytes.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** A copy of {@code bytes}, kept as they are. */
  public static Comment ofBytes(byte[] bytes) {
    return bytes.length == 0 ? NONE : new Comment(Bytes.of(bytes));
  }

  /** The given bytes. */
  public static Comment ofBytes(Bytes bytes) {
    return bytes.isEmpty() ? NONE : new Comment(bytes);
  }

  public boolean isEmpty() {
    return bytes.isEmpty();
  }

  public Bytes bytes() {
    return bytes;
  }

  /**
   * Whether the comment can end a one-line format (an OpenSSH public key line, an {@code
   * authorized_keys} line): no LF, no NUL, and no CR at its end (which a reader takes for a CRLF line
   * end). A CR inside is carried, as ssh-keygen carries it.
   */
  public boolean fitsOnOneLine() {
    byte[] b = bytes.array();
    for (byte c : b) {
      if (c == '\n' || c == 0) {
        return false;
      }
    }
    return b.length == 0 || b[b.length - 1] != '\r';
  }

  /** Whether the comment holds a CR, LF or NUL (which RFC 4716 header lines cannot carry). */
  public boolean hasLineBreakOrNul() {
    byte[] b = bytes.array();
    for (byte c : b) {
      if (c == '\n' || c == '\r' || c == 0) {
        return true;
      }
    }
    return false;
  }

  /** The comment decoded as UTF-8, malformed sequences replaced. */
  @Override
  public String toString() {
    return new String(bytes.array(), StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Comment other && bytes.equals(other.bytes);
  }

  @Override
  public int hashCode() {
    return bytes.hashCode();
  }
}
