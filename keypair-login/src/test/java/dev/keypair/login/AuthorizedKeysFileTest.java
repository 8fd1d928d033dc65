package dev.keypair.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.AuthorizedKeyEntry;
import dev.keypair.formats.AuthorizedKeyOption;
import dev.keypair.formats.OpenSshPublicKeys;
import dev.keypair.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizedKeysFileTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  private static final SshPublicKey ED25519 = key("ed25519");
  private static final SshPublicKey RSA = key("rsa2048");
  private static final SshPublicKey ECDSA = key("ecdsa256");

  /** The lines no edit here is about; each must come back byte for byte. */
  private static final String HEAD = "# managed by hand \r\n"
      + "  \t\n"
      + "ssh-unknown-type AAAAB3NzaC1yc2EAAAADAQAB odd\n"
      + "this is not a key line at all\n";
  private static final String OPTIONS_LINE = "command=\"/bin/echo \\\"hi\\\"\",no-pty,from=\"10.0.0.0/8\"  "
      + Fixtures.line("ed25519.pub");
  private static final String CRLF_LINE = Fixtures.line("rsa2048.pub") + "\r\n";
  private static final String TAIL = "\n#\tend\n";
  private static final String FILE = HEAD + OPTIONS_LINE + "\n" + CRLF_LINE + TAIL;

  @TempDir
  Path dir;

  private static SshPublicKey key(String fixture) {
    return OpenSshPublicKeys.parse(Fixtures.line(fixture + ".pub"));
  }

  private static AuthorizedKeysFile file(String text) {
    return AuthorizedKeysFile.parse(text.getBytes(StandardCharsets.UTF_8), LIMITS);
  }

  private static String text(AuthorizedKeysFile f) {
    return new String(f.encode(), StandardCharsets.UTF_8);
  }

  @Test
  void readingAndWritingBackChangesNoByte() {
    assertThat(text(file(FILE))).isEqualTo(FILE);
  }

  @Test
  void listsTheKeyLinesAndKeepsTheOthers() {
    AuthorizedKeysFile f = file(FILE);
    assertThat(f.entries()).extracting(AuthorizedKeyEntry::key).containsExactly(ED25519, RSA);
    assertThat(f.entries().get(0).options()).extracting(AuthorizedKeyOption::name)
        .containsExactly("command", "no-pty", "from");
    assertThat(f.invalidLines()).hasSize(2);
    assertThat(f.lines()).hasSize(8);
  }

  @Test
  void addAppendsANewKeyAndKeepsEveryOtherByte() {
    AuthorizedKeysFile f = file(FILE).add(AuthorizedKeyEntry.of(List.of(AuthorizedKeyOption.flag("no-pty")), ECDSA));
    assertThat(text(f)).isEqualTo(FILE + "no-pty " + Fixtures.line("ecdsa256.pub") + "\n");
  }

  @Test
  void addingAKeyTwiceAddsItOnce() {
    AuthorizedKeysFile once = file(FILE).add(AuthorizedKeyEntry.of(ECDSA));
    AuthorizedKeysFile twice = once.add(AuthorizedKeyEntry.of(ECDSA));
    assertThat(twice).isSameAs(once);
    assertThat(twice.entries()).hasSize(3);
  }

  /** The same blob with another comment and other options is the same key: the line already there stays as it is. */
  @Test
  void addingAKeyThatIsThereUnderAnotherCommentAndOptionsChangesNothing() {
    AuthorizedKeysFile f = file(FILE);
    AuthorizedKeyEntry again = AuthorizedKeyEntry.of(List.of(AuthorizedKeyOption.flag("restrict")),
        ED25519.withComment(Comment.of("another comment")));
    assertThat(f.add(again)).isSameAs(f);
    assertThat(text(f.add(again))).isEqualTo(FILE);
    assertThat(f.find(again.key())).contains(f.entries().get(0));
  }

  @Test
  void addToAnEmptyFile() {
    assertThat(text(AuthorizedKeysFile.empty().add(AuthorizedKeyEntry.of(ED25519))))
        .isEqualTo(Fixtures.line("ed25519.pub") + "\n");
  }

  @Test
  void removeByFingerprintKeepsEveryOtherByte() {
    String sha256 = Fixtures.line("ed25519.l.sha256").split(" ")[1];
    assertThat(text(file(FILE).remove(AuthorizedKeysFile.byFingerprint(sha256)))).isEqualTo(HEAD + CRLF_LINE + TAIL);
  }

  /** The spellings ssh-keygen prints (whole -l lines included), AWS's imported-key MD5, and bare hex or base64. */
  @ParameterizedTest
  @ValueSource(strings = {"rsa2048.l.sha256", "rsa2048.l.md5", "rsa2048.l.sha1", "rsa2048.aws-md5"})
  void removeByEveryFingerprintSpelling(String fixture) {
    String fp = Fixtures.line(fixture);
    AuthorizedKeysFile f = file(FILE);
    assertThat(f.select(AuthorizedKeysFile.byFingerprint(fp))).extracting(AuthorizedKeyEntry::key).containsExactly(RSA);
    assertThat(text(f.remove(AuthorizedKeysFile.byFingerprint(fp)))).isEqualTo(HEAD + OPTIONS_LINE + "\n" + TAIL);
  }

  @Test
  void removeByFingerprintWithoutPrefixOrPadding() {
    String base64 = Fixtures.line("ed25519.l.sha256").split(" ")[1].substring("SHA256:".length());
    String hex = Fixtures.line("rsa2048.l.md5").split(" ")[1].substring("MD5:".length()).replace(":", "");
    assertThat(file(FILE).select(AuthorizedKeysFile.byFingerprint(base64))).extracting(AuthorizedKeyEntry::key)
        .containsExactly(ED25519);
    assertThat(file(FILE).select(AuthorizedKeysFile.byFingerprint(hex))).extracting(AuthorizedKeyEntry::key)
        .containsExactly(RSA);
  }

  @Test
  void aFingerprintOfNoKeyInTheFileRemovesNothing() {
    AuthorizedKeysFile f = file(FILE);
    String other = Fixtures.line("ecdsa256.l.sha256");
    assertThat(f.remove(AuthorizedKeysFile.byFingerprint(other))).isSameAs(f);
  }

  @Test
  void aStringThatIsNoFingerprintIsRefusedBeforeAnyLineIsLookedAt() {
    assertThatThrownBy(() -> AuthorizedKeysFile.byFingerprint("SHA256:not!base64"))
        .isInstanceOfSatisfying(KeyPairException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FINGERPRINT));
  }

  @Test
  void removeByCommentTakesExactlyThatComment() {
    AuthorizedKeysFile f = file(FILE);
    assertThat(f.remove(AuthorizedKeysFile.byComment("keypair fixture"))).isSameAs(f);
    assertThat(text(f.remove(AuthorizedKeysFile.byComment("keypair fixture rsa2048"))))
        .isEqualTo(HEAD + OPTIONS_LINE + "\n" + TAIL);
  }

  /** A cloud-written line has the key-pair name as comment, and every line of that key pair goes. */
  @Test
  void removeByKeyPairNameRemovesEachLineOfThatKeyPair() {
    String aws = CloudMetadata.awsOpenSshKey(ECDSA, "prod-2026");
    String withIt = FILE + aws + "no-agent-forwarding " + aws;
    assertThat(text(file(withIt).remove(AuthorizedKeysFile.byKeyPairName("prod-2026")))).isEqualTo(FILE);
  }

  @Test
  void removeByKey() {
    assertThat(text(file(FILE).remove(AuthorizedKeysFile.byKey(ED25519.withComment(Comment.none())))))
        .isEqualTo(HEAD + CRLF_LINE + TAIL);
  }

  /** The new key takes the old line's place, options and CRLF end; every other line stays. */
  @Test
  void replaceKeepsTheLinesOptionsAndPlace() {
    AuthorizedKeysFile f = file(FILE).replace(ED25519, ECDSA);
    assertThat(text(f)).isEqualTo(HEAD + "command=\"/bin/echo \\\"hi\\\"\",no-pty,from=\"10.0.0.0/8\" "
        + Fixtures.line("ecdsa256.pub") + "\n" + CRLF_LINE + TAIL);
    assertThat(text(file(FILE).replace(RSA, ECDSA))).isEqualTo(HEAD + OPTIONS_LINE + "\n"
        + Fixtures.line("ecdsa256.pub") + "\r\n" + TAIL);
  }

  @Test
  void replacingWithAKeyThatIsThereAlreadyDropsTheOldLine() {
    assertThat(text(file(FILE).replace(ED25519, RSA))).isEqualTo(HEAD + CRLF_LINE + TAIL);
  }

  @Test
  void replacingAKeyThatIsNotThereChangesNothing() {
    AuthorizedKeysFile f = file(FILE);
    assertThat(f.replace(ECDSA, ED25519)).isSameAs(f);
  }

  @Test
  void replacingAKeyOnTwoLinesLeavesTheNewKeyOnce() {
    String twice = FILE + Fixtures.line("ed25519.pub") + "\n";
    assertThat(file(twice).replace(ED25519, ECDSA).select(AuthorizedKeysFile.byKey(ECDSA))).hasSize(1);
  }

  @Test
  void aFileOfOnlyUnreadableLinesIsKeptWhole() {
    String junk = "\u0000binary\n" + "x".repeat(LIMITS.maxLineBytes() + 1) + "\nssh-ed25519 AAAA\n";
    AuthorizedKeysFile f = file(junk).add(AuthorizedKeyEntry.of(ED25519));
    assertThat(text(f)).isEqualTo(junk + Fixtures.line("ed25519.pub") + "\n");
    assertThat(f.invalidLines()).hasSize(3);
  }

  // ---------------------------------------------------------------- the file on disk

  private Path onDisk(String text) throws Exception {
    Path p = dir.resolve("authorized_keys");
    Files.writeString(p, text);
    return p;
  }

  /** Tests run as root (here and in CI): the user's file must stay the user's, 0600, on a new inode. */
  @Test
  void writingAUsersFileAsRootKeepsItsOwnerAndGroupAndGivesMode0600OnANewInode() throws Exception {
    Path p = onDisk(FILE);
    Files.setAttribute(p, "unix:uid", 1234);
    Files.setAttribute(p, "unix:gid", 1234);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    Object inode = Files.getAttribute(p, "unix:ino");
    AuthorizedKeysFile.read(p, LIMITS).add(AuthorizedKeyEntry.of(ECDSA)).write(p);
    assertThat(Files.getAttribute(p, "unix:uid")).isEqualTo(1234);
    assertThat(Files.getAttribute(p, "unix:gid")).isEqualTo(1234);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
    assertThat(Files.getAttribute(p, "unix:ino")).isNotEqualTo(inode);
    assertThat(Files.readString(p)).isEqualTo(FILE + Fixtures.line("ecdsa256.pub") + "\n");
    try (var s = Files.list(dir)) {
      assertThat(s).containsExactly(p);
    }
  }

  /** Each edit, read from disk and written back: only its own line changes. */
  @Test
  void eachEditOnDiskChangesOnlyItsLine() throws Exception {
    Path p = onDisk(FILE);
    AuthorizedKeysFile.read(p, LIMITS).remove(AuthorizedKeysFile.byComment("nobody")).write(p);
    assertThat(Files.readString(p)).isEqualTo(FILE);
    AuthorizedKeysFile.read(p, LIMITS).replace(RSA, ECDSA).write(p);
    AuthorizedKeysFile.read(p, LIMITS).remove(AuthorizedKeysFile.byKeyPairName("keypair fixture ecdsa256")).write(p);
    assertThat(Files.readString(p)).isEqualTo(HEAD + OPTIONS_LINE + "\n" + TAIL);
  }

  @Test
  void aNewFileGetsMode0600() throws Exception {
    Path p = dir.resolve("authorized_keys");
    AuthorizedKeysFile.empty().add(AuthorizedKeyEntry.of(ED25519)).write(p);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
  }

  @Test
  void aSymbolicLinkIsNeitherFollowedNorReplaced() throws Exception {
    Path real = onDisk(FILE);
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    AuthorizedKeysFile f = AuthorizedKeysFile.read(link, LIMITS).add(AuthorizedKeyEntry.of(ECDSA));
    assertThatThrownBy(() -> f.write(link)).isInstanceOfSatisfying(KeyPairException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.INSECURE_FILE));
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo(FILE);
  }

  @Test
  void readingSomethingThatIsNoRegularFileIsRefused() {
    assertThatThrownBy(() -> AuthorizedKeysFile.read(dir, LIMITS)).isInstanceOfSatisfying(KeyPairException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREADABLE));
    assertThatThrownBy(() -> AuthorizedKeysFile.read(dir.resolve("missing"), LIMITS))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aFileOverTheInputCapIsRefusedWithoutReadingItWhole() throws Exception {
    KeyPairLimits small = KeyPairLimits.defaults().toBuilder().maxInputBytes(1024).build();
    Path p = onDisk(FILE.repeat(10));
    assertThatThrownBy(() -> AuthorizedKeysFile.read(p, small)).isInstanceOfSatisfying(KeyPairException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE));
  }
}
