package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Key files written so that nobody else can read them, even for an instant, and never half written.
 *
 * <p>{@link #writePrivate} creates a temporary file in the target's folder with mode {@code 0600}
 * from its creation (the permissions are an attribute of the create call, never a later chmod),
 * writes it, forces it to disk, renames it over the target atomically and forces the folder. The
 * target is never opened for writing, so an existing file is replaced whole or not at all; without
 * {@link WriteOptions#replaceExisting()} an existing target is refused ({@link ErrorCode#FILE_EXISTS}),
 * atomically (a hard link that fails if the name is taken). Refused unless the caller opts in, with
 * {@link ErrorCode#INSECURE_FILE}: a target that is a symbolic link, and a file system without POSIX
 * permissions (where 0600 cannot be set: zip file systems, some network mounts).
 *
 * <p>A process killed while writing leaves the target as it was and, at most, its temporary file
 * ({@code .NAME.tmp-} and 16 hex digits, mode 0600 like the key). A writer holds an exclusive lock on its
 * temporary file from its creation until it is renamed or deleted, and the operating system drops the
 * lock when the process dies; the next write to the same target deletes the temporary files nobody holds
 * that are not empty (a writer locks before its first byte) or are older than a minute. Files whose lock
 * cannot be taken or tested (no locks on that file system) are left alone.
 *
 * <p>{@link #readPrivate} reads a key file and, like ssh's "UNPROTECTED PRIVATE KEY FILE", returns a
 * warning when group or others may read it.
 */
public final class KeyFiles {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> PUBLIC_READABLE = EnumSet.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String TEMP_INFIX = ".tmp-";
  private static final Pattern TEMP_SUFFIX = Pattern.compile("[0-9a-f]{16}");
  /** An empty unlocked temporary file this old is a dead writer's, not one about to take its lock. */
  private static final Duration EMPTY_TEMP_AGE = Duration.ofMinutes(1);
  /**
   * This JVM's temporary files being written: never opened by the cleanup, since closing any channel of a file
   * drops every lock this process holds on it.
   */
  private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

  private static volatile Consumer<Path> tempFileObserver;

  private KeyFiles() {}

  /**
   * What a write may do beyond the safe default.
   *
   * @param replaceExisting   replace an existing target (by rename, never by writing into it)
   * @param followSymlinks    write to the file a symbolic-link target points to, instead of refusing
   * @param allowNonPosix     write on a file system without POSIX permissions, where the file's
   *                          protection is whatever that file system gives
   */
  public record WriteOptions(boolean replaceExisting, boolean followSymlinks, boolean allowNonPosix) {
    /** Refuse to replace, refuse symlinks, refuse non-POSIX file systems. */
    public static WriteOptions safe() {
      return new WriteOptions(false, false, false);
    }

    public WriteOptions withReplaceExisting(boolean replace) {
      return new WriteOptions(replace, followSymlinks, allowNonPosix);
    }

    public WriteOptions withFollowSymlinks(boolean follow) {
      return new WriteOptions(replaceExisting, follow, allowNonPosix);
    }
  }

  /** A key file's content and, if it is readable by others, the warning to show. */
  public static final class KeyFileContent {
    private final byte[] content;
    private final Optional<String> warning;

    KeyFileContent(byte[] content, Optional<String> warning) {
      this.content = Objects.requireNonNull(content, "content");
      this.warning = Objects.requireNonNull(warning, "warning");
    }

    /** The file's bytes (this object's own array: wipe it when done with a private key). */
    public byte[] content() {
      return content;
    }

    /** ssh's "UNPROTECTED PRIVATE KEY FILE" warning, when others can access the file. */
    public Optional<String> warning() {
      return warning;
    }
  }

  /** Writes a private key file with mode 0600; see the class comment. */
  public static void writePrivate(Path target, byte[] content, WriteOptions options) throws IOException {
    write(target, content, options, OWNER_ONLY, false, false);
  }

  /** Writes a public key file ({@code .pub}) with mode 0644, by the same safe steps. */
  public static void writePublic(Path target, byte[] content, WriteOptions options) throws IOException {
    write(target, content, options, PUBLIC_READABLE, false, false);
  }

  /**
   * Writes a file of the user's own that must stay owner-only, such as {@code authorized_keys}: mode 0600, by
   * the same safe steps, and when it replaces a file, with that file's owner and group. The temporary file is
   * given them before the rename, so a file root edits for a user is the user's again the instant it has its
   * name (never root's, which sshd's StrictModes would still accept but the user could no longer edit). A new
   * file gets the owner and group the process creates files with. Where the owner cannot be given (a process
   * that is not root replacing another user's file) the write fails with the {@link IOException} and the
   * old file stays.
   */
  public static void writeOwnerOnlyKeepingOwner(Path target, byte[] content, WriteOptions options)
      throws IOException {
    write(target, content, options, OWNER_ONLY, false, true);
  }

  /**
   * Writes a file that is not a key (an ssh config) by the same safe steps, with exactly {@code mode}: the
   * temporary file is created with it and, where a umask narrowed it, given it before the rename, so a replaced
   * file keeps the mode its caller read from it. A mode is never widened after the rename.
   */
  public static void writeWithMode(Path target, byte[] content, WriteOptions options, Set<PosixFilePermission> mode)
      throws IOException {
    Objects.requireNonNull(mode, "mode");
    write(target, content, options, Set.copyOf(mode), true, false);
  }

  /**
   * The one writer behind every public write: {@code exactMode} gives the temporary file exactly {@code mode}
   * where a umask narrowed it, {@code keepOwner} the owner and group of the file it replaces.
   */
  private static void write(Path target, byte[] content, WriteOptions options, Set<PosixFilePermission> mode,
      boolean exactMode, boolean keepOwner) throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(options, "options");
    Path file = target.toAbsolutePath();
    if (Files.isSymbolicLink(file)) {
      if (!options.followSymlinks()) {
        throw new KeyPairException(ErrorCode.INSECURE_FILE, file + " is a symbolic link; refusing to write a key through it");
      }
      file = file.toRealPath();
    }
    Path dir = file.getParent();
    boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
    if (!posix && !options.allowNonPosix()) {
      throw new KeyPairException(ErrorCode.INSECURE_FILE, "the file system of " + dir
          + " has no POSIX permissions, so the key file could not be made owner-only");
    }
    if (!options.replaceExisting() && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw exists(file);
    }
    removeDeadTempFiles(dir, file);
    Path temp = dir.resolve(tempPrefix(file) + HexFormat.of().formatHex(randomBytes()));
    FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
        : new FileAttribute<?>[0];
    boolean moved = false;
    WRITING.add(temp);
    try {
      FileChannel ch = FileChannel.open(temp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          attrs);
      try {
        // the lock is held until the channel closes: after the rename on POSIX file systems; others (zipfs) may
        // keep the bytes until the close, and there a temporary file is not told apart by its lock anyway
        boolean locked = lockIfPossible(ch);
        Consumer<Path> o = tempFileObserver;
        if (o != null) {
          o.accept(temp);
        }
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
        if (!posix || !locked) {
          ch.close();
        }
        if (posix && exactMode && !mode.equals(Files.getPosixFilePermissions(temp))) {
          Files.setPosixFilePermissions(temp, mode); // still before the rename: nobody else has the name yet
        }
        if (posix && !mode.containsAll(Files.getPosixFilePermissions(temp))) {
          // a umask may narrow the mode (077 makes a .pub 0600); a bit beyond what was asked means something
          // interfered, and the mode is never changed after the fact
          throw new KeyPairException(ErrorCode.INSECURE_FILE, "the new key file got more access than "
              + PosixFilePermissions.toString(mode));
        }
        if (keepOwner && posix) {
          giveOwnerOf(file, temp);
        }
        if (options.replaceExisting()) {
          moveAtomically(temp, file);
        } else {
          linkWithoutReplacing(temp, file);
        }
        moved = true;
      } finally {
        ch.close();
        if (!moved) {
          Files.deleteIfExists(temp);
        }
      }
      forceDirectory(dir);
    } finally {
      WRITING.remove(temp);
    }
  }

  /** Gives {@code temp} the owner and group of {@code file}, if that exists and they differ. */
  private static void giveOwnerOf(Path file, Path temp) throws IOException {
    PosixFileAttributes old;
    try {
      old = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    PosixFileAttributes now = view.readAttributes();
    if (!now.owner().equals(old.owner())) {
      view.setOwner(old.owner());
    }
    if (!now.group().equals(old.group())) {
      view.setGroup(old.group());
    }
  }

  private static String tempPrefix(Path file) {
    return "." + file.getFileName() + TEMP_INFIX;
  }

  /** Takes an exclusive lock on a new temporary file, where the file system has locks. */
  private static boolean lockIfPossible(FileChannel ch) {
    try {
      ch.lock(); // waits only while a cleanup looks at the new, empty file
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false; // no locks here: the cleanup cannot take one either, so it leaves this file alone
    }
  }

  /** Deletes what killed writers left of their temporary files for {@code file}; see the class comment. */
  private static void removeDeadTempFiles(Path dir, Path file) {
    String prefix = tempPrefix(file);
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> {
      String name = p.getFileName().toString();
      return name.startsWith(prefix) && TEMP_SUFFIX.matcher(name.substring(prefix.length())).matches();
    })) {
      for (Path p : s) {
        if (!WRITING.contains(p)) {
          removeIfDead(p);
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      // cleaning up is a courtesy: the write itself never depends on it
    }
  }

  private static void removeIfDead(Path temp) {
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      if (ch.tryLock() == null) {
        return; // a writer in another process holds it
      }
      BasicFileAttributes a = Files.readAttributes(temp, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isRegularFile() && (a.size() > 0
          || a.lastModifiedTime().toInstant().isBefore(Instant.now().minus(EMPTY_TEMP_AGE)))) {
        Files.delete(temp);
      }
    } catch (IOException | OverlappingFileLockException | UnsupportedOperationException e) {
      // gone already, not ours to open, or no locks here: leave it
    }
  }

  private static void moveAtomically(Path temp, Path file) throws IOException {
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new KeyPairException(ErrorCode.INSECURE_FILE,
          "the file system of " + file.getParent() + " cannot replace a file atomically");
    }
  }

  /** Gives the temp file the target's name only if that name is free (link(2) fails otherwise). */
  private static void linkWithoutReplacing(Path temp, Path file) throws IOException {
    try {
      Files.createLink(file, temp);
      Files.delete(temp);
    } catch (FileAlreadyExistsException e) {
      throw exists(file);
    } catch (UnsupportedOperationException e) {
      // no hard links here: the existence check above is the best left; still an atomic rename
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        throw exists(file);
      }
      moveAtomically(temp, file);
    }
  }

  private static KeyPairException exists(Path file) {
    return new KeyPairException(ErrorCode.FILE_EXISTS, file + " exists; not replacing it");
  }

  /** Makes the rename durable: fsync of the folder, where the platform allows opening one. */
  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // some platforms and file systems cannot open a folder for fsync; the rename itself is atomic
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }

  /**
   * Reads a key file as {@link #readRegular} does, with a warning if its POSIX permissions let group or others
   * read or write it.
   */
  public static KeyFileContent readPrivate(Path file, KeyPairLimits limits) throws IOException {
    byte[] content = readRegular(file, limits);
    return new KeyFileContent(content, permissionWarning(file));
  }

  /**
   * The bytes of {@code file}, which must be a regular file (a folder, a device such as {@code /dev/zero} or a pipe
   * is refused before it is opened: they have no size to cap, or none at all), read up to one byte past
   * {@link KeyPairLimits#maxInputBytes()}.
   *
   * @throws KeyPairException {@link ErrorCode#UNREADABLE} for anything but a regular file,
   *     {@link ErrorCode#INPUT_TOO_LARGE} over the cap
   * @throws java.nio.file.NoSuchFileException if there is no such file
   */
  public static byte[] readRegular(Path file, KeyPairLimits limits) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(limits, "limits");
    if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
      throw new KeyPairException(ErrorCode.UNREADABLE, file + " is not a regular file");
    }
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes(limits.maxInputBytes() + 1);
    }
    limits.checkInputSize(content.length, file.toString());
    return content;
  }

  /** The ssh-style warning for a private key file others can read, if any. */
  public static Optional<String> permissionWarning(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return Optional.empty();
    }
    Set<PosixFilePermission> perms = view.readAttributes().permissions();
    EnumSet<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : perms) {
      if (!p.name().startsWith("OWNER")) {
        open.add(p);
      }
    }
    if (open.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("UNPROTECTED PRIVATE KEY FILE: permissions " + octal(perms) + " for '" + file
        + "' are too open; others can read or change this private key (chmod 600 fixes it)");
  }

  /** {@code 0644}-style spelling of a permission set. */
  static String octal(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (PosixFilePermission p : perms) {
      mode |= 1 << (8 - p.ordinal());
    }
    return String.format("%04o", mode);
  }

  /** Test hook: sees each temporary file right after its creation, before any byte is written. */
  static void setTempFileObserverForTests(Consumer<Path> observer) {
    tempFileObserver = observer;
  }
}
