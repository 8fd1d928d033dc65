package dev.keypair.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell part of the recovery user data, taken from the parsed MIME document and run with {@code /bin/sh} as
 * cloud-init would, against a home in a temporary folder: a fake {@code getent} first on the PATH gives the user's
 * passwd line with that home. Run as root (as in CI), the script gives the files to a uid and gid no file here
 * has; as another user, to that user's own.
 */
class RecoveryScriptTest {

  private static final String LINE = RecoveryUserDataTest.LINE;
  private static final String TYPE_AND_KEY = LINE.substring(0, LINE.indexOf(" keypair"));

  @TempDir
  Path dir;

  private Path home;
  private Path keys;
  private int uid;
  private int gid;

  record Result(int exit, String out, String err) {}

  @BeforeEach
  void fakeInstance() throws IOException {
    home = Files.createDirectories(dir.resolve("home/alice"));
    keys = home.resolve(".ssh/authorized_keys");
    boolean root = (int) Files.getAttribute(dir, "unix:uid") == 0;
    uid = root ? 4242 : (int) Files.getAttribute(dir, "unix:uid");
    gid = root ? 4343 : (int) Files.getAttribute(dir, "unix:gid");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path getent = bin.resolve("getent");
    Files.writeString(getent, "#!/bin/sh\n"
        + "[ \"$1\" = passwd ] && [ \"$2\" = alice ] || exit 2\n"
        + "printf '%s\\n' 'alice:x:" + uid + ":" + gid + ":Alice:" + home + ":/bin/sh'\n");
    Files.setPosixFilePermissions(getent, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The shell part of the user data for {@code user}, as the MIME parser reads it. */
  private static String script(String user, dev.keypair.core.SshPublicKey key) throws Exception {
    List<RecoveryUserDataTest.Part> parts = RecoveryUserDataTest.parse(RecoveryUserData.of(user, key).document());
    assertThat(parts.get(1).contentType()).startsWith("text/x-shellscript");
    return parts.get(1).content();
  }

  private Result run(String script) throws Exception {
    Path file = dir.resolve("userdata.txt");
    Files.writeString(file, script, StandardCharsets.US_ASCII);
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", file.toString()).directory(dir.toFile());
    pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("script finished").isTrue();
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  private void assertOwnedByTheUser(Path p) throws IOException {
    assertThat(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(p + " uid").isEqualTo(uid);
    assertThat(Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)).as(p + " gid").isEqualTo(gid);
  }

  private static int occurrences(String text, String part) {
    Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void createsSshAndAuthorizedKeysWithTheRightModesOwnersAndTheKeyOnceAfterTwoBoots() throws Exception {
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
    String script = script("alice", RecoveryUserDataTest.KEY);
    Result first = run(script);
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("key added to " + keys);
    Result second = run(script);
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out()).contains("the key is already in " + keys);

    assertThat(Files.readString(keys)).isEqualTo(LINE + "\n");
    assertThat(mode(keys.getParent())).isEqualTo("rwx------");
    assertThat(mode(keys)).isEqualTo("rw-------");
    assertThat(mode(home)).isEqualTo("rwxr-xr-x");
    assertOwnedByTheUser(keys.getParent());
    assertOwnedByTheUser(keys);
  }

  @Test
  void fixesTheModesOfAnExistingSshFolderAndFile() throws Exception {
    Files.createDirectories(keys.getParent());
    Files.writeString(keys, "ssh-rsa AAAAB3NzaC1yc2E= other\n");
    Files.setPosixFilePermissions(keys.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-rw-rw-"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwx---"));
    assertThat(run(script("alice", RecoveryUserDataTest.KEY)).exit()).isZero();
    assertThat(mode(keys.getParent())).isEqualTo("rwx------");
    assertThat(mode(keys)).isEqualTo("rw-------");
    assertThat(mode(home)).isEqualTo("rwxr-x---");
    assertThat(Files.readString(keys)).isEqualTo("ssh-rsa AAAAB3NzaC1yc2E= other\n" + LINE + "\n");
  }

  @Test
  void theKeyWithOptionsOrAnotherCommentCountsAsThereAndTheFileIsLeftByteForByte() throws Exception {
    Files.createDirectories(keys.getParent());
    String existing = "# managed by hand\r\n"
        + "from=\"10.0.0.0/8\",no-pty " + TYPE_AND_KEY + " laptop\n"
        + "garbage that is no key\n"
        + "ssh-rsa AAAAB3NzaC1yc2E= other"; // no final line end
    Files.writeString(keys, existing);
    Result r = run(script("alice", RecoveryUserDataTest.KEY));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(keys)).isEqualTo(existing);
  }

  @Test
  void aCommentedOutKeyDoesNotCountAndAFileWithoutAFinalLineEndGetsOne() throws Exception {
    Files.createDirectories(keys.getParent());
    String existing = "  # " + TYPE_AND_KEY + " revoked\nssh-rsa AAAAB3NzaC1yc2E= other";
    Files.writeString(keys, existing);
    assertThat(run(script("alice", RecoveryUserDataTest.KEY)).exit()).isZero();
    assertThat(Files.readString(keys)).isEqualTo(existing + "\n" + LINE + "\n");
  }

  @Test
  void aCommentFullOfShellSyntaxIsWrittenAsItIs() throws Exception {
    String comment = "it's $(touch pwned1) `touch pwned2`; touch pwned3 \"q\" \\ | & > pwned4";
    String script = script("alice", RecoveryUserDataTest.KEY.withComment(Comment.of(comment)));
    Result r = run(script);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(keys)).isEqualTo(TYPE_AND_KEY + " " + comment + "\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("pwned"));
    }
  }

  @Test
  void anUnknownUserFailsWithOneLineAndTouchesNothing() throws Exception {
    Result r = run(script("bob", RecoveryUserDataTest.KEY));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("keypair recovery: no user bob in the passwd database\n");
    assertThat(keys.getParent()).doesNotExist();
  }

  @Test
  void aSymbolicLinkForAuthorizedKeysIsNotFollowed() throws Exception {
    Files.createDirectories(keys.getParent());
    Path target = Files.writeString(dir.resolve("shadow"), "root:secret\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
    Files.createSymbolicLink(keys, target);
    Result r = run(script("alice", RecoveryUserDataTest.KEY));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("is a symbolic link");
    assertThat(Files.readString(target)).isEqualTo("root:secret\n");
    assertThat(mode(target)).isEqualTo("rw-r-----");
  }

  @Test
  void aSymbolicLinkForTheSshFolderIsNotFollowed() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("etc"));
    Files.createSymbolicLink(keys.getParent(), elsewhere);
    Result r = run(script("alice", RecoveryUserDataTest.KEY));
    assertThat(r.exit()).isEqualTo(1);
    try (var files = Files.list(elsewhere)) {
      assertThat(files).isEmpty();
    }
  }
}
