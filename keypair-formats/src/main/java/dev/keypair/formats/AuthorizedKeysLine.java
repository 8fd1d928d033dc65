package dev.keypair.formats;

import dev.keypair.core.KeyPairException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of an {@code authorized_keys} file: a key {@link AuthorizedKeyEntry}, or an {@link Other}
 * line (a comment, a blank line, or a line keypair could not read), kept so that a file can be written
 * back as it was.
 *
 * @see AuthorizedKeys
 */
public sealed interface AuthorizedKeysLine permits AuthorizedKeyEntry, AuthorizedKeysLine.Other {

  /**
   * The line's bytes, without its line end (LF, or the CR LF of a CRLF line). {@link AuthorizedKeys#encode}
   * writes a line read with a CRLF end back with CRLF, every other line with LF.
   */
  byte[] toBytes();

  /**
   * A line that holds no key: a comment ({@code #} is its first character other than spaces and tabs),
   * a blank line (spaces and tabs only, or nothing), or an invalid line, kept with the
   * {@link KeyPairException} that says why it could not be read.
   *
   * <p>Its bytes are the line as read. The one exception: a line longer than
   * {@link dev.keypair.core.KeyPairLimits#maxLineBytes()} met by {@link AuthorizedKeys#stream} is not
   * buffered whole; it keeps only its first {@code maxLineBytes()} bytes, says so with
   * {@link #isTruncated()}, and {@link AuthorizedKeys#encode} and {@link AuthorizedKeys#write} refuse to
   * write it. Equal when kind, bytes and truncation are (the error and the line end are not compared).
   */
  final class Other implements AuthorizedKeysLine {

    /** What kind of line this is. */
    public enum Kind {
      /** A line whose first character other than spaces and tabs is {@code #}. */
      COMMENT,
      /** An empty line, or only spaces and tabs (and CRs). */
      BLANK,
      /** A line that should hold a key but could not be read; see {@link #error()}. */
      INVALID
    }

    private static final Other EMPTY = new Other(Kind.BLANK, new byte[0], null, false, false);

    private final Kind kind;
    private final byte[] bytes;
    private final KeyPairException error;
    private final boolean truncated;
    private final boolean crlf;

    Other(Kind kind, byte[] bytes, KeyPairException error, boolean truncated, boolean crlf) {
      this.kind = kind;
      this.bytes = bytes;
      this.error = error;
      this.truncated = truncated;
      this.crlf = crlf;
    }

    /** The empty line. */
    public static Other blank() {
      return EMPTY;
    }

    /**
     * A comment line, as given: {@code "# added by ops"}.
     *
     * @throws IllegalArgumentException unless the first character other than spaces and tabs is
     *     {@code #}, or if the line holds a CR, LF or NUL
     */
    public static Other comment(String line) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      int i = 0;
      while (i < b.length && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      if (i == b.length || b[i] != '#') {
        throw new IllegalArgumentException("a comment line starts with '#' (after spaces or tabs)");
      }
      for (byte c : b) {
        if (c == '\n' || c == '\r' || c == 0) {
          throw new IllegalArgumentException("a comment line cannot hold a CR, LF or NUL");
        }
      }
      return new Other(Kind.COMMENT, b, null, false, false);
    }

    public Kind kind() {
      return kind;
    }

    /** Why an {@link Kind#INVALID} line could not be read; empty for the other kinds. */
    public Optional<KeyPairException> error() {
      return Optional.ofNullable(error);
    }

    /** Whether only the start of an over-long line was kept (see the class comment). */
    public boolean isTruncated() {
      return truncated;
    }

    @Override
    public byte[] toBytes() {
      return bytes.clone();
    }

    /** The bytes, not copied; for {@link AuthorizedKeys}, which never modifies them. */
    byte[] bytes() {
      return bytes;
    }

    /** Whether the line was read with a CRLF end. */
    boolean crlf() {
      return crlf;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Other other && kind == other.kind && truncated == other.truncated
          && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, truncated) * 31 + Arrays.hashCode(bytes);
    }

    /** The kind, the length and the error; not the bytes. */
    @Override
    public String toString() {
      return "Other[" + kind + ", " + bytes.length + " bytes" + (truncated ? " (truncated)" : "")
          + (error == null ? "" : ", " + error) + "]";
    }
  }
}
