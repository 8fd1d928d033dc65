package dev.keypair.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keypair ssh-config} (../shared/CLI.md, "Login helpers"): what it prints, writes and refuses. */
class SshConfigCommandTest {

  private static final String BLOCK = "Host web\n  HostName 203.0.113.7\n  Port 2222\n  User ubuntu\n"
      + "  IdentityFile ~/.ssh/web.pem\n  IdentitiesOnly yes\n";

  @TempDir
  Path dir;

  /** {@code keypair ssh-config} with this test's values; {@code overrides} (name, value...) replace them. */
  private static Cli.Run sshConfig(Path config, String... overrides) {
    Map<String, String> options = new LinkedHashMap<>(Map.of("--host", "web", "--hostname", "203.0.113.7",
        "--user", "ubuntu", "--identity", "~/.ssh/web.pem", "--config", config.toString()));
    for (int i = 0; i < overrides.length; i += 2) {
      options.put(overrides[i], overrides[i + 1]);
    }
    List<String> args = new ArrayList<>(List.of("ssh-config"));
    options.forEach((name, value) -> args.addAll(List.of(name, value)));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void addsABlockToANewConfigInANewOwnerOnlyFolder() throws Exception {
    Path config = dir.resolve(".ssh/config");
    assertThat(sshConfig(config, "--port", "2222"))
        .isEqualTo(new Cli.Run(0, "added Host web to " + config + "\n", ""));
    assertThat(Files.readString(config)).isEqualTo(BLOCK.replace("  ", "    "));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.getParent()))).isEqualTo("rwx------");
  }

  @Test
  void aSecondRunChangesNothingAndSaysSo() throws Exception {
    Path config = dir.resolve("config");
    Files.writeString(config, "# mine\nHost db\n  User pg\n");
    sshConfig(config, "--port", "2222");
    byte[] once = Files.readAllBytes(config);
    assertThat(sshConfig(config, "--port", "2222"))
        .isEqualTo(new Cli.Run(0, "Host web in " + config + " is up to date\n", ""));
    assertThat(Files.readAllBytes(config)).isEqualTo(once);
    assertThat(Files.readString(config)).isEqualTo("# mine\nHost db\n  User pg\n\n" + BLOCK);
  }

  @Test
  void updatesTheExistingBlockAndWarnsAboutWhatStillWins() throws Exception {
    Path config = dir.resolve("config");
    Files.writeString(config, "Host *\n  User root\n\nHost web\n  User old\n  Port 2222\n  Compression yes\n");
    Cli.Run r = sshConfig(config);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("updated Host web in " + config + "\n");
    assertThat(r.err()).isEqualTo("keypair: warning: line 1: 'Host *' also applies to web and comes first: "
        + "the options it sets win over this block's\n");
    assertThat(Files.readString(config)).isEqualTo("Host *\n  User root\n\nHost web\n  HostName 203.0.113.7\n"
        + "  IdentityFile ~/.ssh/web.pem\n  IdentitiesOnly yes\n  User ubuntu\n  Port 2222\n  Compression yes\n");
  }

  @Test
  void aValueWithALineBreakIsBadInputAndNothingIsWritten() throws Exception {
    Path config = dir.resolve("config");
    Files.writeString(config, "Host db\n");
    assertThat(sshConfig(config, "--user", "ubuntu\nProxyCommand sh").err())
        .startsWith("keypair: SshConfig.InvalidValue: an ssh config user is one word").hasLineCount(1);
    for (String[] bad : new String[][] {{"--port", "22\n"}, {"--port", "x"}, {"--port", "99999"},
        {"--host", "web\nHost *"}, {"--identity", "/k\n  ProxyCommand sh"}, {"--hostname", "a b"}}) {
      Cli.Run r = sshConfig(config, bad);
      assertThat(r.exit()).as(String.join(" ", bad)).isEqualTo(3);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).startsWith("keypair: SshConfig.InvalidValue: ").hasLineCount(1);
    }
    assertThat(Files.readString(config)).isEqualTo("Host db\n");
  }

  @Test
  void aMissingRequiredOptionIsBadUsage() {
    Cli.Run r = Cli.run("ssh-config", "--host", "web", "--hostname", "h", "--user", "u");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("keypair: Usage.Invalid: ").contains("identity").hasLineCount(1);
  }

  @Test
  void helpListsTheCommandAndItsOptions() {
    assertThat(Cli.run("--help").out()).contains("ssh-config");
    assertThat(Cli.run("ssh-config", "--help").out().replace("\n", " ")).contains("--host ALIAS", "--hostname H",
        "--identity FILE", "--port N", "--config FILE", "'added Host ALIAS to FILE', 'updated Host ALIAS in FILE' "
        + "or 'Host ALIAS in FILE is up to date'");
  }
}
