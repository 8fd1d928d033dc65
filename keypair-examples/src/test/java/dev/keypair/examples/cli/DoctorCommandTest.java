package dev.keypair.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.testsupport.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keypair doctor} in-process: the line format of CLI.md, exit codes, --fix (the tests run as root). */
class DoctorCommandTest {

  @TempDir
  Path root;

  Path home;
  Path ssh;
  Path authorizedKeys;
  Path key;

  @BeforeEach
  void tree() throws Exception {
    Path homes = Files.createDirectory(root.resolve("home"));
    home = Files.createDirectory(homes.resolve("alice"));
    ssh = Files.createDirectory(home.resolve(".ssh"));
    authorizedKeys = ssh.resolve("authorized_keys");
    key = root.resolve("id_ed25519");
    Cli.Run generated = Cli.run("generate", "--type", "ed25519", "--out", key.toString());
    assertThat(generated.exit()).as(generated.err()).isZero();
    Files.writeString(authorizedKeys, Fixtures.text("rsa2048.pub"));
    Files.setPosixFilePermissions(homes, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (Path p : new Path[] {home, ssh, authorizedKeys}) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(p == authorizedKeys ? "rw-------"
          : "rwx------"));
      Files.setAttribute(p, "unix:uid", 1234);
      Files.setAttribute(p, "unix:gid", 1234);
    }
  }

  @Test
  void findingsAreOneALineWithTheirFixAndExitOne() throws Exception {
    Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwxrwxr-x"));
    Cli.Run r = Cli.run("doctor", "--key", key.toString(), "--home", home.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("ERROR Ssh.Mode: '" + ssh + "' has mode 0775; sshd's StrictModes refuses it when "
        + "group or others can write it; fix: chmod 700 '" + ssh + "'\n"
        + "ERROR Key.NotAuthorized: the public half of '" + key + "' ("
        + Cli.run("fingerprint", "--in", key.toString()).out().split(" ")[1] + ") is not in '" + authorizedKeys
        + "'; fix: keypair authorized-keys add --file '" + authorizedKeys + "' --in '" + key + "'\n");
  }

  /** The fix commands printed are runnable as they are: the authorized-keys one through the command itself. */
  @Test
  void fixAppliesTheFixesReportsThemAndASecondRunFindsNothing() throws Exception {
    Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwxrwxr-x"));
    Cli.Run fixed = Cli.run("doctor", "--key", key.toString(), "--home", home.toString(), "--fix");
    assertThat(fixed.exit()).isZero();
    assertThat(fixed.out()).isEqualTo("fixed: Ssh.Mode: chmod 700 '" + ssh + "'\n"
        + "fixed: Key.NotAuthorized: keypair authorized-keys add --file '" + authorizedKeys + "' --in '" + key
        + "'\n");
    assertThat(Files.getAttribute(authorizedKeys, "unix:uid")).isEqualTo(1234);
    Cli.Run again = Cli.run("doctor", "--key", key.toString(), "--home", home.toString(), "--user", "alice");
    assertThat(again.exit()).isZero();
    assertThat(again.out()).isEmpty();
  }

  @Test
  void whatFixCannotDoIsStillReportedAndTheExitCodeSaysSo() throws Exception {
    Cli.Run r = Cli.run("doctor", "--key", key.toString(), "--user", "ec2-user", "--image", "ubuntu", "--fix");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("ERROR User.Image: ubuntu images log in as ubuntu, not ec2-user; fix: ssh -i '"
        + key + "' ubuntu@HOST\n");
  }

  @Test
  void aKeyOthersCanReadIsFoundWithoutAHome() throws Exception {
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
    Cli.Run r = Cli.run("doctor", "--key", key.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("ERROR Key.Unprotected: '" + key + "' has mode 0640; ");
  }

  @Test
  void usageAndInputErrors() throws Exception {
    Cli.Run unknown = Cli.run("doctor", "--key", key.toString(), "--user", "x", "--image", "windows");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.errLine()).contains("unknown image family 'windows': amazon-linux, centos, debian");
    assertThat(Cli.run("doctor", "--key", key.toString(), "--image", "ubuntu").exit()).isEqualTo(2);
    assertThat(Cli.run("doctor").exit()).isEqualTo(2);
    Cli.Run pub = Cli.run("doctor", "--key", key + ".pub");
    assertThat(pub.exit()).isEqualTo(3);
    assertThat(pub.errLine()).startsWith("keypair: InvalidKey.UnrecognizedFormat: ");
    Cli.Run noHome = Cli.run("doctor", "--key", key.toString(), "--home", root.resolve("nope").toString());
    assertThat(noHome.exit()).isEqualTo(3);
    assertThat(noHome.errLine()).startsWith("keypair: Input.Unreadable: ");
  }
}
