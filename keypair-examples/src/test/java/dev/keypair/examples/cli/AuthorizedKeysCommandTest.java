package dev.keypair.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.testsupport.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizedKeysCommandTest {

  /** Options, a CRLF line, a comment, a blank line and a line keypair cannot read: all must survive each edit. */
  private static final String FILE = "# hand-made\r\n"
      + "\n"
      + "no-pty,command=\"/bin/true\"  " + Fixtures.line("ed25519.pub") + "\n"
      + "garbage that is no key\n"
      + Fixtures.line("rsa2048.pub") + "\r\n";

  @TempDir
  Path dir;

  private Path authorizedKeys() throws Exception {
    Path p = dir.resolve("authorized_keys");
    Files.writeString(p, FILE);
    return p;
  }

  private Path pub(String fixture) throws Exception {
    Path p = dir.resolve(fixture + ".pub");
    Files.writeString(p, Fixtures.text(fixture + ".pub"));
    return p;
  }

  /** ssh-keygen's own -l line for the fixture (made by ssh-keygen when the fixtures were). */
  private static String keygen(String fixture) {
    return Fixtures.line(fixture + ".l.sha256");
  }

  @Test
  void listPrintsSshKeygenLinesAndWarnsOnceAboutUnreadLines() throws Exception {
    Cli.Run r = Cli.run("authorized-keys", "list", "--file", authorizedKeys().toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo(keygen("ed25519") + "\n" + keygen("rsa2048") + "\n");
    assertThat(r.errLine()).startsWith("keypair: warning: 1 line is not a key keypair reads, kept as is (first: ");
  }

  @Test
  void addAppendsOnceAndKeepsEveryOtherByteOwnerAndMode0600() throws Exception {
    Path file = authorizedKeys();
    Files.setAttribute(file, "unix:uid", 1234);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Cli.Run first = Cli.run("authorized-keys", "add", "--file", file.toString(), "--in", pub("ecdsa256").toString());
    assertThat(first.exit()).isZero();
    assertThat(first.out()).isEqualTo("added: " + keygen("ecdsa256") + "\n");
    String after = FILE + Fixtures.line("ecdsa256.pub") + "\n";
    assertThat(Files.readString(file)).isEqualTo(after);
    assertThat(Files.getAttribute(file, "unix:uid")).isEqualTo(1234);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

    Object inode = Files.getAttribute(file, "unix:ino");
    Cli.Run second = Cli.run("authorized-keys", "add", "--file", file.toString(), "--in", pub("ecdsa256").toString());
    assertThat(second.exit()).isZero();
    assertThat(second.out()).isEqualTo("present: " + keygen("ecdsa256") + "\n");
    assertThat(Files.readString(file)).isEqualTo(after);
    assertThat(Files.getAttribute(file, "unix:ino")).as("not rewritten").isEqualTo(inode);
  }

  /** The key is there with options and another comment: it stays as it is, and the line already there is named. */
  @Test
  void addingAKeyThatIsThereUnderAnotherCommentReportsTheLineAlreadyThere() throws Exception {
    Path file = authorizedKeys();
    Path in = dir.resolve("renamed.pub");
    String line = Fixtures.line("ed25519.pub");
    Files.writeString(in, "restrict " + line.substring(0, line.lastIndexOf("keypair")) + "renamed\n");
    Cli.Run r = Cli.run("authorized-keys", "add", "--file", file.toString(), "--in", in.toString());
    assertThat(r.out()).isEqualTo("present: " + keygen("ed25519") + "\n");
    assertThat(Files.readString(file)).isEqualTo(FILE);
  }

  @Test
  void addCreatesAMissingFileWithMode0600AndKeepsTheInputsOptions() throws Exception {
    Path file = dir.resolve("new_authorized_keys");
    Path in = dir.resolve("with-options");
    Files.writeString(in, "no-pty " + Fixtures.line("ed25519.pub") + "\n");
    Cli.Run r = Cli.run("authorized-keys", "add", "--file", file.toString(), "--in", in.toString());
    assertThat(r.exit()).isZero();
    assertThat(Files.readString(file)).isEqualTo("no-pty " + Fixtures.line("ed25519.pub") + "\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void removeByFingerprintAsSshKeygenPrintsIt() throws Exception {
    Path file = authorizedKeys();
    Cli.Run r = Cli.run("authorized-keys", "remove", "--file", file.toString(), "--fingerprint",
        Fixtures.line("ed25519.l.md5").split(" ")[1]);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("removed: " + keygen("ed25519") + "\n");
    assertThat(Files.readString(file)).isEqualTo("# hand-made\r\n\ngarbage that is no key\n"
        + Fixtures.line("rsa2048.pub") + "\r\n");
  }

  @Test
  void removeByComment() throws Exception {
    Path file = authorizedKeys();
    Cli.Run r = Cli.run("authorized-keys", "remove", "--file", file.toString(), "--comment", "keypair fixture rsa2048");
    assertThat(r.exit()).isZero();
    assertThat(Files.readString(file)).isEqualTo(FILE.substring(0, FILE.indexOf(Fixtures.line("rsa2048.pub"))));
  }

  @Test
  void removeThatFindsNothingSaysNoMatchExitsOneAndLeavesTheFile() throws Exception {
    Path file = authorizedKeys();
    Object inode = Files.getAttribute(file, "unix:ino");
    Cli.Run r = Cli.run("authorized-keys", "remove", "--file", file.toString(), "--comment", "nobody");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("no match\n");
    assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(inode);
  }

  @Test
  void aBadFingerprintIsBadInput() throws Exception {
    Cli.Run r = Cli.run("authorized-keys", "remove", "--file", authorizedKeys().toString(), "--fingerprint", "nope!");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.errLine()).startsWith("keypair: InvalidFingerprint.Format: ");
  }

  @Test
  void aSymbolicLinkIsRefusedByRule() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("link"), authorizedKeys());
    Cli.Run r = Cli.run("authorized-keys", "add", "--file", link.toString(), "--in", pub("ecdsa256").toString());
    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.errLine()).startsWith("keypair: File.Insecure: ");
    assertThat(Files.readString(dir.resolve("authorized_keys"))).isEqualTo(FILE);
  }

  @Test
  void aMissingFileToListIsBadInput() {
    Cli.Run r = Cli.run("authorized-keys", "list", "--file", dir.resolve("missing").toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.errLine()).isEqualTo("keypair: Input.Unreadable: cannot read " + dir.resolve("missing")
        + ": no such file");
  }

  @Test
  void usageErrors() throws Exception {
    String file = authorizedKeys().toString();
    for (String[] args : new String[][] {
        {"authorized-keys"},
        {"authorized-keys", "purge", "--file", file},
        {"authorized-keys", "list"},
        {"authorized-keys", "add", "--file", file},
        {"authorized-keys", "remove", "--file", file},
        {"authorized-keys", "remove", "--file", file, "--comment", "a", "--fingerprint", "b"},
        {"authorized-keys", "list", "--file", file, "--comment", "a"},
        {"authorized-keys", "--file", file, "list"}}) {
      Cli.Run r = Cli.run(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.errLine()).startsWith("keypair: Usage.Invalid: ");
    }
    assertThat(Files.readString(Path.of(file))).isEqualTo(FILE);
  }

  @Test
  void helpDescribesTheListFormat() {
    Cli.Run r = Cli.run("authorized-keys", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("BITS SHA256:VALUE COMMENT", "no match");
  }
}
