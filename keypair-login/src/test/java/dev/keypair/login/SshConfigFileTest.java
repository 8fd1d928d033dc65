package dev.keypair.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.KeyPairException;
import dev.keypair.login.SshConfigFile.Change;
import dev.keypair.login.SshConfigFile.Edit;
import dev.keypair.login.SshConfigFile.HostEntry;
import dev.keypair.testsupport.ExternalTools;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SshConfigFileTest {

  private static final HostEntry WEB =
      new HostEntry("web", "web.example.com", "ec2-user", "/keys/web.pem", OptionalInt.of(2222));
  private static final String WEB_BLOCK = """
      Host web
          HostName web.example.com
          Port 2222
          User ec2-user
          IdentityFile /keys/web.pem
          IdentitiesOnly yes
      """;

  /** Global options, an Include, comments, `=` syntax, a Match block and a `Host *` that sets User. */
  private static final String BUSY = """
      # my ssh config
      Include /etc/ssh/extra/*.conf
      ServerAliveInterval=30

      Host db
        HostName db.internal
        User postgres

      # defaults for every host
      Host *
        User nobody
        ForwardAgent no

      Match host *.corp
        ProxyJump bastion
      """;

  @TempDir
  Path dir;

  private static Edit edit(String config, HostEntry entry) {
    return SshConfigFile.edit(config.getBytes(StandardCharsets.UTF_8), entry);
  }

  private static String text(Edit e) {
    return new String(e.content(), StandardCharsets.UTF_8);
  }

  /**
   * A keyword without arguments has no separator to copy: the values written after it, or after another keyword
   * of the block, get a space (found by the fuzzer: they were written as "HostNameweb.example.com").
   */
  @Test
  void aKeywordWithoutArgumentsLendsNoSeparator() {
    Edit e = edit("Host web\r\n  U\r\n  User\r\n  Compression yes\r\n", WEB);
    assertThat(text(e)).isEqualTo("Host web\r\n  HostName web.example.com\r\n  Port 2222\r\n"
        + "  IdentityFile /keys/web.pem\r\n  IdentitiesOnly yes\r\n  U\r\n  User ec2-user\r\n"
        + "  Compression yes\r\n");
    assertThat(SshConfigFile.edit(e.content(), WEB).change()).isEqualTo(SshConfigFile.Change.UNCHANGED);
  }

  @Test
  void aNewBlockGoesBeforeTheFirstBlockThatAlsoAppliesWithTheCommentAboveIt() {
    Edit e = edit(BUSY, WEB);
    int at = BUSY.indexOf("# defaults");
    assertThat(text(e)).isEqualTo(BUSY.substring(0, at) + WEB_BLOCK.replace("    ", "  ") + "\n" + BUSY.substring(at));
    assertThat(e.change()).isEqualTo(Change.ADDED);
    assertThat(e.line()).isEqualTo(9);
    assertThat(e.notes()).containsExactly(
        "line 17: 'Host *' also applies to web; left as it was (this block's options come first)",
        "line 21: 'Match host *.corp' also may apply to web; left as it was (this block's options come first)");
  }

  @Test
  void aNewBlockGoesBeforeAMatchBlock() {
    String config = "Host db\n  User postgres\n\nMatch all\n  User nobody\n";
    assertThat(text(edit(config, WEB))).isEqualTo("Host db\n  User postgres\n\n"
        + WEB_BLOCK.replace("    ", "  ") + "\nMatch all\n  User nobody\n");
  }

  @Test
  void aNewBlockGoesAtTheEndWhenNothingElseApplies() {
    String config = "Host db\n\tUser postgres";
    assertThat(text(edit(config, WEB))).isEqualTo(config + "\n\n" + WEB_BLOCK.replace("    ", "\t"));
    assertThat(text(edit("", WEB))).isEqualTo(WEB_BLOCK);
  }

  @Test
  void aBlockForSeveralHostsOrAPatternIsNotOurs() {
    String config = "Host web db\n  User admin\nHost w?b\n  Port 22\nHost web*,x !web\n  Port 1\n";
    Edit e = edit(config, WEB);
    assertThat(e.change()).isEqualTo(Change.ADDED);
    assertThat(text(e)).startsWith(WEB_BLOCK.replace("    ", "  ") + "\n" + config);
    // the negated pattern excludes web: only the first two are reported
    assertThat(e.notes()).hasSize(2).allSatisfy(n -> assertThat(n).contains("also applies to web; left as it was"));
  }

  @Test
  void updateRewritesOnlyOurValuesKeepingIndentCaseSeparatorAndUnknownOptions() {
    String config = "# top\nHost db\n  User x\n\nHOST Web\n\thostname=old.example.com\n\tForwardX11 yes\n"
        + "\tUSER = root\n\tIdentityFile /keys/web.pem\n\t# kept\n\nHost *\n  User nobody\n";
    Edit e = edit(config, WEB);
    assertThat(e.change()).isEqualTo(Change.UPDATED);
    assertThat(e.line()).isEqualTo(5);
    assertThat(text(e)).isEqualTo("# top\nHost db\n  User x\n\nHOST Web\n\tPort=2222\n\tIdentitiesOnly=yes\n"
        + "\thostname=web.example.com\n\tForwardX11 yes\n\tUSER = ec2-user\n\tIdentityFile /keys/web.pem\n"
        + "\t# kept\n\nHost *\n  User nobody\n");
  }

  @Test
  void updateWithoutAPortKeepsThePortLine() {
    HostEntry noPort = new HostEntry("web", "h", "u", "/k", OptionalInt.empty());
    String config = "Host web\n  Port 2200\n  HostName h\n  User u\n  IdentityFile /k\n  IdentitiesOnly YES\n";
    Edit e = edit(config, noPort);
    assertThat(e.change()).isEqualTo(Change.UNCHANGED);
    assertThat(text(e)).isEqualTo(config);
  }

  @Test
  void newLinesGoBeforeAnIncludeOfTheBlock() throws Exception {
    Path included = dir.resolve("inc.conf");
    Files.writeString(included, "User from-include\nHostName include.example.com\n");
    String config = "Host web\n  Include " + included + "\n\nHost other\n  User o\n";
    Edit e = edit(config, WEB);
    assertThat(text(e)).isEqualTo("Host web\n  HostName web.example.com\n  Port 2222\n  User ec2-user\n"
        + "  IdentityFile /keys/web.pem\n  IdentitiesOnly yes\n  Include " + included + "\n\nHost other\n  User o\n");
    assertThat(sshG(write(e), "web")).containsEntry("user", "ec2-user").containsEntry("hostname", "web.example.com");
  }

  @Test
  void runningTwiceGivesTheSameBytes() {
    for (String config : new String[] {BUSY, "", "Host web\n  User old\n", BUSY.replace("\n", "\r\n")}) {
      byte[] once = edit(config, WEB).content();
      Edit twice = SshConfigFile.edit(once, WEB);
      assertThat(twice.change()).as(config).isEqualTo(Change.UNCHANGED);
      assertThat(twice.content()).isEqualTo(once);
      assertThat(twice.notes()).isEqualTo(edit(config, WEB).notes());
    }
  }

  @Test
  void crlfFilesGetCrlfLinesAndKeepTheirOwn() {
    String crlf = BUSY.replace("\n", "\r\n");
    assertThat(text(edit(crlf, WEB))).isEqualTo(text(edit(BUSY, WEB)).replace("\n", "\r\n"));
    String updated = text(edit("Host web\r\n  User old\r\n  Compression yes\r\n", WEB));
    assertThat(updated).isEqualTo("Host web\r\n  HostName web.example.com\r\n  Port 2222\r\n"
        + "  IdentityFile /keys/web.pem\r\n  IdentitiesOnly yes\r\n  User ec2-user\r\n  Compression yes\r\n");
  }

  @Test
  void aNewBlockCopiesTheFilesStyle() {
    String config = "host db\n   user=postgres\n";
    assertThat(text(edit(config, WEB))).isEqualTo(config + "\nhost=web\n   hostname=web.example.com\n   port=2222\n"
        + "   user=ec2-user\n   identityfile=/keys/web.pem\n   identitiesonly=yes\n");
  }

  @Test
  void everyOtherByteIsKeptEvenNonUtf8() {
    byte[] config = "# caf\u00e9\nHost db\n  User x\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = SshConfigFile.edit(config, WEB).content();
    assertThat(Arrays.copyOf(out, config.length)).isEqualTo(config);
  }

  @Test
  void globalOptionsAndEarlierBlocksThatWinAreReported() {
    String config = "User root\nHost *\n  Port 22\nHost web\n  User x\n";
    assertThat(edit(config, WEB).notes()).containsExactly(
        "line 1: 'User root' is a global option before every block; ssh takes it instead of this block's User",
        "line 2: 'Host *' also applies to web and comes first: the options it sets win over this block's");
  }

  @Test
  void anIdentityPathWithSpacesIsQuotedAndSshReadsItBack() throws Exception {
    HostEntry e = new HostEntry("web", "10.0.0.7", "ubuntu", dir + "/my keys/id \"1\".pem", OptionalInt.empty());
    Edit edit = edit("", e);
    assertThat(text(edit)).contains("IdentityFile \"" + dir + "/my keys/id \\\"1\\\".pem\"\n");
    assertThat(sshG(write(edit), "web")).containsEntry("identityfile", dir + "/my keys/id \"1\".pem")
        .containsEntry("hostname", "10.0.0.7").containsEntry("port", "22");
  }

  /** The real-tool check: `ssh -G` resolves the edited busy config to our values, before `Host *`. */
  @Test
  void sshSeesTheValuesSet() throws Exception {
    Path file = write(edit(BUSY.replace("Include /etc/ssh/extra/*.conf", "Include " + dir + "/none/*.conf"), WEB));
    Map<String, String> g = sshG(file, "web");
    assertThat(g).containsEntry("hostname", "web.example.com").containsEntry("user", "ec2-user")
        .containsEntry("port", "2222").containsEntry("identityfile", "/keys/web.pem")
        .containsEntry("identitiesonly", "yes").containsEntry("serveraliveinterval", "30");
    assertThat(sshG(file, "db")).containsEntry("user", "postgres").containsEntry("hostname", "db.internal");
    assertThat(sshG(file, "other")).containsEntry("user", "nobody");
    Path updated = write(SshConfigFile.edit(Files.readAllBytes(file),
        new HostEntry("web", "new.example.com", "admin", "~/.ssh/new", OptionalInt.of(22))));
    assertThat(sshG(updated, "web")).containsEntry("hostname", "new.example.com").containsEntry("user", "admin")
        .containsEntry("port", "22").containsEntry("identityfile", "~/.ssh/new");
  }

  @Test
  void writeCreatesTheFolderAndFileOwnerOnly() throws Exception {
    Path config = dir.resolve("home/.ssh/config");
    Files.createDirectory(dir.resolve("home"));
    Edit e = SshConfigFile.write(config, WEB, KeyPairLimits.defaults());
    assertThat(e.change()).isEqualTo(Change.ADDED);
    assertThat(Files.readString(config)).isEqualTo(WEB_BLOCK);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void writeKeepsTheModeAndWritesThroughASymlink() throws Exception {
    Path target = Files.createDirectory(dir.resolve("dotfiles")).resolve("ssh_config");
    Files.writeString(target, "Host db\n  User x\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
    Path link = Files.createSymbolicLink(dir.resolve("config"), target);
    assertThat(SshConfigFile.write(link, WEB, KeyPairLimits.defaults()).change()).isEqualTo(Change.ADDED);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).isEqualTo("Host db\n  User x\n\n" + WEB_BLOCK.replace("    ", "  "));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
    Object inode = Files.readAttributes(target, "unix:ino").get("ino");
    assertThat(SshConfigFile.write(link, WEB, KeyPairLimits.defaults()).change()).isEqualTo(Change.UNCHANGED);
    assertThat(Files.readAttributes(target, "unix:ino").get("ino")).as("not rewritten").isEqualTo(inode);
  }

  @Test
  void aConfigOverTheInputCapIsRefusedBeforeReading() throws Exception {
    Path big = dir.resolve("config");
    Files.write(big, new byte[KeyPairLimits.defaults().maxInputBytes() + 1]);
    assertFails(ErrorCode.INPUT_TOO_LARGE, () -> SshConfigFile.write(big, WEB, KeyPairLimits.defaults()));
  }

  /** A folder or a pipe as the config is refused before it is opened (a pipe would wait for a writer for ever). */
  @Test
  void aConfigThatIsNoRegularFileIsRefused() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("config.d"));
    assertFails(ErrorCode.UNREADABLE, () -> SshConfigFile.write(folder, WEB, KeyPairLimits.defaults()));
    Path fifo = dir.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    assertFails(ErrorCode.UNREADABLE, () -> SshConfigFile.write(fifo, WEB, KeyPairLimits.defaults()));
  }

  @Test
  void aHostLineSshWouldRefuseIsRefused() {
    assertFails(SshConfigFile.FORMAT, () -> edit("Host \"web\n", WEB));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "web\\nHost *|h|u|/k|22", "web db|h|u|/k|22", "*|h|u|/k|22", "-oProxyCommand=x|h|u|/k|22", "''|h|u|/k|22",
      "web|h\\n  User root|u|/k|22", "web|h h|u|/k|22", "web|-h|u|/k|22",
      "web|h|u\\nIdentityFile /x|/k|22", "web|h|%u|/k|22", "web|h|u|/k\\n  ProxyCommand x|22", "web|h|u|/k\\r|22",
      "web|h|u||22", "web|h|u|/k|0", "web|h|u|/k|65536"})
  void valuesThatCouldInjectOrBreakTheFileAreRefused(String alias, String host, String user, String id, int port) {
    assertFails(SshConfigFile.INVALID_VALUE,
        () -> new HostEntry(unescape(alias), unescape(host), unescape(user), unescape(id), OptionalInt.of(port)));
  }

  /** Hostile.assertFails's check; that helper's package is keypair-formats' own, closed to this module's tests. */
  private static void assertFails(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static String unescape(String s) {
    return s == null ? "" : s.replace("\\n", "\n").replace("\\r", "\r");
  }

  private Path write(Edit e) throws Exception {
    Path file = Files.createTempFile(dir, "config", "");
    Files.write(file, e.content());
    return file;
  }

  /** `ssh -G -F FILE ALIAS`: the effective options, lower-case keyword to first value; no connection is made. */
  private static Map<String, String> sshG(Path config, String alias) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String line : ExternalTools.ssh().run("-G", "-F", config.toString(), alias).ok().out().split("\n")) {
      int sp = line.indexOf(' ');
      if (sp > 0) {
        options.putIfAbsent(line.substring(0, sp), line.substring(sp + 1));
      }
    }
    return options;
  }
}
