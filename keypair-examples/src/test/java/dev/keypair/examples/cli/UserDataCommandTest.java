package dev.keypair.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import dev.keypair.formats.OpenSshPublicKeys;
import dev.keypair.login.RecoveryUserData;
import dev.keypair.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keypair user-data --user U --in PUBFILE}: the user data on stdout alone, the reminder one line on stderr. */
class UserDataCommandTest {

  @TempDir
  Path dir;

  private Path fixture(String name) throws Exception {
    return Files.write(dir.resolve(name), Fixtures.bytes(name));
  }

  private static String reminderLine(String user) {
    return "keypair: reminder: This user data runs at every boot: once you can log in as " + user
        + " again, remove it (stop the instance, then Actions > Instance settings > Edit user data).\n";
  }

  @Test
  void printsTheUserDataOnStdoutAndTheReminderOnStderr() throws Exception {
    Path pub = fixture("ed25519.pub");
    Cli.Run run = Cli.run("user-data", "--user", "ec2-user", "--in", pub.toString());
    String expected = RecoveryUserData.of("ec2-user", OpenSshPublicKeys.parse(Fixtures.line("ed25519.pub"))).document();
    assertThat(run).isEqualTo(new Cli.Run(0, expected, reminderLine("ec2-user")));
    assertThat(run.out()).startsWith("Content-Type: multipart/mixed; boundary=\"//\"\n")
        .contains("\ncloud_final_modules:\n- [scripts-user, always]\n", "\nuser='ec2-user'\n",
            "\nkey_line='" + Fixtures.line("ed25519.pub") + "'\n")
        .endsWith("\n--//--\n");
  }

  @Test
  void anyKeyFileKeypairReadsGivesItsPublicKey() throws Exception {
    Path pem = fixture("rsa2048.pkcs8.pem");
    Path pub = fixture("rsa2048.pub");
    String fromPem = Cli.run("user-data", "--user", "ubuntu", "--in", pem.toString()).out();
    String line = OpenSshPublicKeys.encodeToString(OpenSshPublicKeys.parse(Fixtures.line("rsa2048.pub"))
        .withComment(Comment.none()));
    assertThat(fromPem).contains("\nkey_line='" + line + "'\n");
    assertThat(Cli.run("user-data", "--user", "ubuntu", "--in", pub.toString()).out()).contains(line);

    String key = dir.resolve("id_ed25519").toString();
    assertThat(Cli.run("generate", "--type", "ed25519", "--out", key).exit()).isZero();
    Cli.Run fromPrivate = Cli.run("user-data", "--user", "ubuntu", "--in", key);
    assertThat(fromPrivate.exit()).isZero();
    assertThat(fromPrivate.out()).isEqualTo(Cli.run("user-data", "--user", "ubuntu", "--in", key + ".pub").out());
  }

  @Test
  void standardInputWorks() {
    Cli.Run run = Cli.runWithStdin(Fixtures.bytes("ecdsa256.pub"), "user-data", "--user", "admin", "--in", "-");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("\nkey_line='" + Fixtures.line("ecdsa256.pub") + "'\n");
  }

  @Test
  void aUserNameThatIsNotPortableIsBadInputWithNothingOnStdout() throws Exception {
    Path pub = fixture("ed25519.pub");
    for (String user : new String[] {"root;reboot", "$(id)", "a b", "-x", "1000"}) {
      Cli.Run run = Cli.run("user-data", "--user", user, "--in", pub.toString());
      assertThat(run.exit()).as(user).isEqualTo(3);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).startsWith("keypair: Login.InvalidUser: ").hasLineCount(1);
    }
  }

  @Test
  void anInputOfSeveralKeysIsBadInput() throws Exception {
    Path two = dir.resolve("authorized_keys");
    Files.writeString(two, Fixtures.text("ed25519.pub") + Fixtures.text("rsa2048.pub"), StandardCharsets.UTF_8);
    Cli.Run run = Cli.run("user-data", "--user", "ec2-user", "--in", two.toString());
    assertThat(run).isEqualTo(new Cli.Run(3, "", "keypair: InvalidKey.Format: the input holds 2 keys; one was expected\n"));
  }

  @Test
  void missingOptionsAreUsageErrors() throws Exception {
    Path pub = fixture("ed25519.pub");
    for (String[] args : new String[][] {{"user-data", "--in", pub.toString()}, {"user-data", "--user", "ec2-user"}}) {
      Cli.Run run = Cli.run(args);
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).startsWith("keypair: Usage.Invalid: ").hasLineCount(1);
    }
  }

  @Test
  void helpListsTheCommand() {
    assertThat(Cli.run("--help").out()).contains("user-data");
    assertThat(Cli.run("user-data", "--help").out()).contains("--user U --in PUBFILE", "every boot");
  }
}
