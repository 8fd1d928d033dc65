package dev.keypair.login;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.fingerprint.FingerprintMatcher;
import dev.keypair.formats.AuthorizedKeyEntry;
import dev.keypair.formats.AuthorizedKeys;
import dev.keypair.formats.AuthorizedKeysLine;
import dev.keypair.formats.KeyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An {@code authorized_keys} file being edited: list, add, remove and replace keys, changing only the lines the
 * edit is about.
 *
 * <p>Every other line stays byte for byte as it was read ({@link AuthorizedKeys}): its options in their own
 * spelling, its comment, a blank or comment line, a line of an unknown key type or one keypair cannot read, and
 * each line's end (LF or CRLF). New lines end with LF, and a last line without a line end gets one when the file
 * is written. The object is immutable: each edit returns the edited file, or this one when nothing changed.
 *
 * <p>"The same key" means the same key blob, whatever the comment and options: a file never gets a second line
 * for a key it holds ({@link #add}, {@link #replace}).
 *
 * <p>{@link #write} replaces the file atomically with mode 0600 and the old file's owner and group
 * ({@link KeyFiles#writeOwnerOnlyKeepingOwner}); a symbolic link is refused ({@link ErrorCode#INSECURE_FILE}).
 */
public final class AuthorizedKeysFile {

  private static final AuthorizedKeysFile EMPTY = new AuthorizedKeysFile(List.of());

  private final List<AuthorizedKeysLine> lines;

  private AuthorizedKeysFile(List<AuthorizedKeysLine> lines) {
    this.lines = List.copyOf(lines);
  }

  /** A file without lines, for a file that does not exist yet. */
  public static AuthorizedKeysFile empty() {
    return EMPTY;
  }

  /**
   * The file's lines; a line that is not a valid key line is kept as it is.
   *
   * @throws KeyPairException {@link ErrorCode#INPUT_TOO_LARGE} over {@link KeyPairLimits#maxInputBytes()}
   */
  public static AuthorizedKeysFile parse(byte[] content, KeyPairLimits limits) {
    return new AuthorizedKeysFile(AuthorizedKeys.parse(content, limits));
  }

  /**
   * Reads a file, capped at {@link KeyPairLimits#maxInputBytes()} before reading it whole.
   *
   * @throws KeyPairException {@link ErrorCode#UNREADABLE} for a folder, a device or anything else that is not a
   *     regular file; {@link ErrorCode#INPUT_TOO_LARGE} over the cap
   * @throws java.nio.file.NoSuchFileException if there is no such file
   */
  public static AuthorizedKeysFile read(Path file, KeyPairLimits limits) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(limits, "limits");
    return parse(KeyFiles.readRegular(file, limits), limits);
  }

  /** Every line, in file order. */
  public List<AuthorizedKeysLine> lines() {
    return lines;
  }

  /** The key lines, in file order. */
  public List<AuthorizedKeyEntry> entries() {
    List<AuthorizedKeyEntry> entries = new ArrayList<>();
    for (AuthorizedKeysLine line : lines) {
      if (line instanceof AuthorizedKeyEntry e) {
        entries.add(e);
      }
    }
    return entries;
  }

  /** The lines that could not be read as keys ({@link AuthorizedKeysLine.Other.Kind#INVALID}); kept as they are. */
  public List<AuthorizedKeysLine.Other> invalidLines() {
    List<AuthorizedKeysLine.Other> invalid = new ArrayList<>();
    for (AuthorizedKeysLine line : lines) {
      if (line instanceof AuthorizedKeysLine.Other o && o.kind() == AuthorizedKeysLine.Other.Kind.INVALID) {
        invalid.add(o);
      }
    }
    return invalid;
  }

  /** The first line holding the same key as {@code key} (whatever its comment and options). */
  public Optional<AuthorizedKeyEntry> find(SshPublicKey key) {
    Objects.requireNonNull(key, "key");
    return entries().stream().filter(e -> e.key().sameKey(key)).findFirst();
  }

  /**
   * The file with {@code entry} appended, or this file unchanged if a line holds the same key already: that line
   * keeps its own options and comment, and those of {@code entry} are not applied (to change them, remove the key
   * and add it again, or {@link #replace} it).
   */
  public AuthorizedKeysFile add(AuthorizedKeyEntry entry) {
    Objects.requireNonNull(entry, "entry");
    if (find(entry.key()).isPresent()) {
      return this;
    }
    List<AuthorizedKeysLine> edited = new ArrayList<>(lines);
    edited.add(entry);
    return new AuthorizedKeysFile(edited);
  }

  /** The key lines {@code selector} picks, in file order. */
  public List<AuthorizedKeyEntry> select(Predicate<AuthorizedKeyEntry> selector) {
    Objects.requireNonNull(selector, "selector");
    return entries().stream().filter(selector).toList();
  }

  /** The file without the key lines {@code selector} picks (this file if it picks none); other lines stay. */
  public AuthorizedKeysFile remove(Predicate<AuthorizedKeyEntry> selector) {
    Objects.requireNonNull(selector, "selector");
    List<AuthorizedKeysLine> edited = new ArrayList<>(lines.size());
    for (AuthorizedKeysLine line : lines) {
      if (!(line instanceof AuthorizedKeyEntry e && selector.test(e))) {
        edited.add(line);
      }
    }
    return edited.size() == lines.size() ? this : new AuthorizedKeysFile(edited);
  }

  /**
   * The file with each line holding {@code old}'s key now holding {@code replacement} (key and comment), its
   * options and line end kept; such a line is written canonically ({@link AuthorizedKeyEntry#withKey}), so its
   * options keep their values and order but not their original spelling. If {@code replacement}'s key is in the
   * file already, or on a second line of {@code old}'s key, the line is dropped instead, so that the key appears
   * once. This file unchanged if no line holds {@code old}'s key.
   */
  public AuthorizedKeysFile replace(SshPublicKey old, SshPublicKey replacement) {
    Objects.requireNonNull(old, "old");
    Objects.requireNonNull(replacement, "replacement");
    boolean present = !old.sameKey(replacement) && find(replacement).isPresent();
    List<AuthorizedKeysLine> edited = new ArrayList<>(lines.size());
    boolean changed = false;
    for (AuthorizedKeysLine line : lines) {
      if (line instanceof AuthorizedKeyEntry e && e.key().sameKey(old)) {
        changed = true;
        if (!present) {
          edited.add(e.withKey(replacement));
          present = true;
        }
      } else {
        edited.add(line);
      }
    }
    return changed ? new AuthorizedKeysFile(edited) : this;
  }

  /** The file's bytes: every line and its line end. */
  public byte[] encode() {
    return AuthorizedKeys.encode(lines);
  }

  /**
   * Writes the file to {@code file}, replacing it atomically (temporary file, fsync, rename, fsync of the folder)
   * with mode 0600 and, if it exists, its owner and group; see {@link KeyFiles#writeOwnerOnlyKeepingOwner}.
   *
   * @throws KeyPairException {@link ErrorCode#INSECURE_FILE} if {@code file} is a symbolic link or on a file system
   *     without POSIX permissions
   */
  public void write(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    if (Files.isSymbolicLink(file)) {
      // KeyFiles refuses it too; said here in terms of this file
      throw new KeyPairException(ErrorCode.INSECURE_FILE, file + " is a symbolic link; refusing to replace it");
    }
    KeyFiles.writeOwnerOnlyKeepingOwner(file, encode(), KeyFiles.WriteOptions.safe().withReplaceExisting(true));
  }

  // ---------------------------------------------------------------- selectors

  /**
   * Picks the lines whose key has fingerprint {@code fingerprint}, in any spelling {@link FingerprintMatcher}
   * reads ({@code SHA256:...}, {@code MD5:...}, colon hex, plain hex or base64, a whole {@code ssh-keygen -l}
   * line, AWS's imported-key MD5).
   *
   * @throws KeyPairException {@link ErrorCode#INVALID_FINGERPRINT} at once if it is no fingerprint spelling
   */
  public static Predicate<AuthorizedKeyEntry> byFingerprint(String fingerprint) {
    FingerprintMatcher.parse(fingerprint);
    return e -> FingerprintMatcher.match(e.key().keyData(), fingerprint).isMatch();
  }

  /** Picks the lines whose comment is exactly {@code comment}. */
  public static Predicate<AuthorizedKeyEntry> byComment(String comment) {
    Comment c = Comment.of(Objects.requireNonNull(comment, "comment"));
    return e -> e.key().comment().equals(c);
  }

  /**
   * Picks the lines of a cloud key pair: the line a provider puts in {@code authorized_keys} has the key-pair name
   * as its comment (as AWS's {@code public-keys/0/openssh-key} does, see {@link CloudMetadata}), so this is
   * {@link #byComment} with the name.
   */
  public static Predicate<AuthorizedKeyEntry> byKeyPairName(String keyPairName) {
    return byComment(keyPairName);
  }

  /** Picks the lines holding the same key as {@code key}, whatever their comment. */
  public static Predicate<AuthorizedKeyEntry> byKey(SshPublicKey key) {
    Objects.requireNonNull(key, "key");
    return e -> e.key().sameKey(key);
  }

  @Override
  public String toString() {
    return "AuthorizedKeysFile[" + lines.size() + " lines]";
  }
}
