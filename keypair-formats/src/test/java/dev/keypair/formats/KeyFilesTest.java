package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

  private static final byte[] KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n-----END OPENSSH PRIVATE KEY-----\n"
      .getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path dir;

  @AfterEach
  void removeHook() {
    KeyFiles.setTempFileObserverForTests(null);
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** HOSTILE 29: the temporary file is rw------- before the first byte is written, and so is the result. */
  @Test
  void hostile29OwnerOnlyFromTheFirstByte() throws Exception {
    List<String> seen = new ArrayList<>();
    KeyFiles.setTempFileObserverForTests(temp -> {
      try {
        seen.add(mode(temp) + " " + Files.size(temp) + " " + temp.getParent().equals(dir));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    Path target = dir.resolve("id_ed25519");
    KeyFiles.writePrivate(target, KEY, KeyFiles.WriteOptions.safe());
    assertThat(seen).containsExactly("rw------- 0 true");
    assertThat(mode(target)).isEqualTo("rw-------");
    assertThat(Files.readAllBytes(target)).isEqualTo(KEY);
    assertThat(leftovers()).isEmpty();
  }

  /**
   * HOSTILE 30: a 0644 key is replaced by rename (a new inode) with a 0600 file, never written in place: a second
   * name for the old inode still reads the old bytes with the old mode, so the old file was not truncated or
   * rewritten.
   */
  @Test
  void hostile30ReplacingAReadableKeyGivesAnOwnerOnlyNewFile() throws Exception {
    Path target = dir.resolve("id_rsa");
    Files.writeString(target, "old key");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    Object inodeBefore = Files.getAttribute(target, "unix:ino");
    Path oldInode = Files.createLink(dir.resolve("old-inode"), target);
    KeyFiles.writePrivate(target, KEY, KeyFiles.WriteOptions.safe().withReplaceExisting(true));
    assertThat(Files.getAttribute(target, "unix:ino")).isNotEqualTo(inodeBefore);
    assertThat(Files.getAttribute(oldInode, "unix:ino")).isEqualTo(inodeBefore);
    assertThat(Files.readString(oldInode)).isEqualTo("old key");
    assertThat(mode(oldInode)).isEqualTo("rw-r--r--");
    assertThat(mode(target)).isEqualTo("rw-------");
    assertThat(Files.readAllBytes(target)).isEqualTo(KEY);
    assertThat(leftovers()).isEmpty();
  }

  /**
   * A user's file replaced by root (the tests run as root) keeps its owner and group and gets 0600 on a new inode;
   * the owner is given before the rename, so the new name never belongs to root.
   */
  @Test
  void keepingTheOwnerReplacesAUsersFileWithOneOfTheSameOwnerAndGroup() throws Exception {
    Path target = dir.resolve("authorized_keys");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setAttribute(target, "unix:uid", 1234);
    Files.setAttribute(target, "unix:gid", 2345);
    Object inodeBefore = Files.getAttribute(target, "unix:ino");
    KeyFiles.writeOwnerOnlyKeepingOwner(target, KEY, KeyFiles.WriteOptions.safe().withReplaceExisting(true));
    assertThat(Files.getAttribute(target, "unix:uid")).isEqualTo(1234);
    assertThat(Files.getAttribute(target, "unix:gid")).isEqualTo(2345);
    assertThat(Files.getAttribute(target, "unix:ino")).isNotEqualTo(inodeBefore);
    assertThat(mode(target)).isEqualTo("rw-------");
    assertThat(Files.readAllBytes(target)).isEqualTo(KEY);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void keepingTheOwnerGivesANewFileTheProcesssOwnerAndMode0600() throws Exception {
    Path target = dir.resolve("authorized_keys");
    KeyFiles.writeOwnerOnlyKeepingOwner(target, KEY, KeyFiles.WriteOptions.safe());
    assertThat(Files.getAttribute(target, "unix:uid")).isEqualTo(Files.getAttribute(dir, "unix:uid"));
    assertThat(mode(target)).isEqualTo("rw-------");
  }

  /** A group-writable mode survives a umask that clears group write (022 here, 002 or 077 elsewhere). */
  @Test
  void writeWithModeGivesExactlyTheModeAskedEvenWhereTheUmaskNarrowsIt() throws Exception {
    Path target = dir.resolve("config");
    Files.writeString(target, "old");
    KeyFiles.writeWithMode(target, "new".getBytes(StandardCharsets.US_ASCII),
        KeyFiles.WriteOptions.safe().withReplaceExisting(true), PosixFilePermissions.fromString("rw-rw-r--"));
    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-rw-r--");
  }

  @Test
  void anExistingFileIsKeptUnlessReplacingWasAsked() throws Exception {
    Path target = dir.resolve("id_rsa");
    Files.writeString(target, "old key");
    assertThatThrownBy(() -> KeyFiles.writePrivate(target, KEY, KeyFiles.WriteOptions.safe()))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_EXISTS));
    assertThat(Files.readString(target)).isEqualTo("old key");
    assertThat(leftovers()).isEmpty();
  }

  /** HOSTILE 30: a symbolic link as target is refused unless following links was asked for. */
  @Test
  void hostile30SymlinkTargetIsRefusedUnlessFollowing() throws Exception {
    Path real = dir.resolve("real_key");
    Files.writeString(real, "old");
    Path link = Files.createSymbolicLink(dir.resolve("id_ed25519"), real);
    assertThatThrownBy(() -> KeyFiles.writePrivate(link, KEY, KeyFiles.WriteOptions.safe().withReplaceExisting(true)))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INSECURE_FILE))
        .hasMessageContaining("is a symbolic link");
    assertThat(Files.readString(real)).isEqualTo("old");
    KeyFiles.writePrivate(link, KEY, new KeyFiles.WriteOptions(true, true, false));
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readAllBytes(real)).isEqualTo(KEY);
    assertThat(mode(real)).isEqualTo("rw-------");
  }

  /** HOSTILE 31: a file system without POSIX permissions (JDK zipfs) is refused, never a silent success. */
  @Test
  void hostile31NonPosixFileSystemIsRefusedUnlessAllowed() throws Exception {
    Path zip = dir.resolve("keys.zip");
    try (FileSystem zipfs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("create", "true"))) {
      Path target = zipfs.getPath("/id_ed25519");
      assertThatThrownBy(() -> KeyFiles.writePrivate(target, KEY, KeyFiles.WriteOptions.safe()))
          .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INSECURE_FILE))
          .hasMessageContaining("no POSIX permissions");
      assertThat(Files.exists(target)).isFalse();
      KeyFiles.writePrivate(target, KEY, new KeyFiles.WriteOptions(false, false, true));
      assertThat(Files.readAllBytes(target)).isEqualTo(KEY);
    }
  }

  /**
   * HOSTILE 32: what a killed writer left (its temporary file, nobody holding its lock) is deleted by the next write
   * to the same target when it holds bytes or is over a minute old; a fresh empty one (a writer about to lock it), one
   * whose lock is held, another target's and names keypair does not make are left alone.
   */
  @Test
  void hostile32NextWriteDeletesWhatAKilledWriterLeft() throws Exception {
    Path target = dir.resolve("id_ed25519");
    Path partial = Files.write(dir.resolve(".id_ed25519.tmp-00112233445566ff"), Arrays.copyOf(KEY, 10));
    Path oldEmpty = Files.createFile(dir.resolve(".id_ed25519.tmp-0000000000000001"));
    Files.setLastModifiedTime(oldEmpty, FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));
    Path freshEmpty = Files.createFile(dir.resolve(".id_ed25519.tmp-0000000000000002"));
    Path locked = Files.write(dir.resolve(".id_ed25519.tmp-0000000000000003"), KEY);
    Path otherTarget = Files.write(dir.resolve(".id_rsa.tmp-0000000000000004"), KEY);
    Path notOurs = Files.write(dir.resolve(".id_ed25519.tmp-backup"), KEY);
    try (FileChannel ch = FileChannel.open(locked, StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
      KeyFiles.writePrivate(target, KEY, KeyFiles.WriteOptions.safe());
      assertThat(lock.isValid()).isTrue();
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(KEY);
    assertThat(partial).doesNotExist();
    assertThat(oldEmpty).doesNotExist();
    assertThat(freshEmpty).exists();
    assertThat(locked).exists();
    assertThat(otherTarget).exists();
    assertThat(notOurs).exists();
  }

  @Test
  void publicFilesAre0644() throws Exception {
    Path pub = dir.resolve("id_ed25519.pub");
    KeyFiles.writePublic(pub, "ssh-ed25519 AAAA\n".getBytes(StandardCharsets.US_ASCII), KeyFiles.WriteOptions.safe());
    assertThat(mode(pub)).isEqualTo("rw-r--r--");
  }

  @Test
  void readingWarnsAboutReadableKeys() throws Exception {
    Path key = dir.resolve("id_rsa");
    KeyFiles.writePrivate(key, KEY, KeyFiles.WriteOptions.safe());
    assertThat(KeyFiles.readPrivate(key, KeyPairLimits.defaults()).warning()).isEmpty();
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    KeyFiles.KeyFileContent c = KeyFiles.readPrivate(key, KeyPairLimits.defaults());
    assertThat(c.content()).isEqualTo(KEY);
    assertThat(c.warning()).hasValueSatisfying(w -> assertThat(w)
        .startsWith("UNPROTECTED PRIVATE KEY FILE: permissions 0644 for '" + key + "' are too open"));
  }

  @Test
  void readingIsCappedBeforeReading() throws Exception {
    Path big = dir.resolve("big");
    Files.write(big, new byte[2048]);
    KeyPairLimits small = KeyPairLimits.builder().maxInputBytes(1024).build();
    assertThatThrownBy(() -> KeyFiles.readPrivate(big, small))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE));
  }

  /**
   * A folder, a device with no end ({@code /dev/zero}: size 0, read for ever) and a pipe without a writer (opening
   * it waits for one) are refused before they are opened.
   */
  @Test
  void readingRefusesWhatIsNoRegularFile() throws Exception {
    Path fifo = dir.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    for (Path p : List.of(dir, Path.of("/dev/zero"), fifo)) {
      assertThatThrownBy(() -> KeyFiles.readPrivate(p, KeyPairLimits.defaults())).as("%s", p)
          .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREADABLE));
    }
  }

  private List<Path> leftovers() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().contains(".tmp-")).toList();
    }
  }
}
