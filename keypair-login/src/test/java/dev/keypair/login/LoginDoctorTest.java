package dev.keypair.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.KeyProtection;
import dev.keypair.formats.OpenSshPublicKeys;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.testsupport.Fixtures;
import dev.keypair.testsupport.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Home trees (a fake {@code /home} level in a temporary folder) with each wrong mode and owner the guides list; the
 * tests run as root, as CI does, so owners are really changed to other uids.
 */
class LoginDoctorTest {

  static final int UID = 1234;
  private static final KeyProtection NONE = KeyProtection.none(InsecureSecretAccess.get());
  private static final SshPrivateKey KEY = TestKeys.ed25519Private(6);

  @TempDir
  Path root;

  Path homes;
  Path home;
  Path ssh;
  Path authorizedKeys;
  Path key;

  /** A tree sshd and the guides accept: /home 0755 root, home 0700, .ssh 0700, authorized_keys 0600, all uid 1234. */
  @BeforeEach
  void healthyTree() throws IOException {
    homes = Files.createDirectory(root.resolve("home"));
    home = Files.createDirectory(homes.resolve("alice"));
    ssh = Files.createDirectory(home.resolve(".ssh"));
    authorizedKeys = ssh.resolve("authorized_keys");
    Files.writeString(authorizedKeys, Fixtures.text("rsa2048.pub") + line(KEY.publicKey()) + "\n");
    set(homes, "rwxr-xr-x", 0);
    set(home, "rwx------", UID);
    set(ssh, "rwx------", UID);
    set(authorizedKeys, "rw-------", UID);
    key = writeKey("id_ed25519", PrivateKeys.encode(KEY, PrivateKeyFormat.OPENSSH, NONE));
  }

  private Path writeKey(String name, byte[] content) throws IOException {
    Path p = root.resolve(name);
    Files.write(p, content);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    return p;
  }

  static void set(Path p, String mode, int uid) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    Files.setAttribute(p, "unix:uid", uid);
    Files.setAttribute(p, "unix:gid", uid);
  }

  private static String line(SshPublicKey key) {
    return OpenSshPublicKeys.encodeToString(key);
  }

  private static String q(Path p) {
    return "'" + p + "'";
  }

  private LoginDoctor doctor() {
    return LoginDoctor.forKey(key).withHome(home);
  }

  private static List<String> lines(List<Finding> findings) {
    return findings.stream().map(Finding::toString).toList();
  }

  /** The findings are exactly {@code expected}; --fix fixes them all, and a second look finds nothing. */
  private void assertFoundThenFixed(LoginDoctor doctor, String... expected) throws IOException {
    List<Finding> found = doctor.examine();
    assertThat(lines(found)).containsExactly(expected);
    assertThat(LoginDoctor.fix(found)).isEqualTo(found);
    assertThat(lines(doctor.examine())).isEmpty();
  }

  private void assertHealthy() throws IOException {
    assertThat(mode(homes)).isEqualTo("rwxr-xr-x");
    assertThat(mode(home)).isEqualTo("rwx------");
    assertThat(mode(ssh)).isEqualTo("rwx------");
    assertThat(mode(authorizedKeys)).isEqualTo("rw-------");
    for (Path p : List.of(home, ssh, authorizedKeys)) {
      assertThat(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(p.toString()).isEqualTo(UID);
      assertThat(Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)).as(p.toString()).isEqualTo(UID);
    }
    assertThat(Files.readString(authorizedKeys)).containsOnlyOnce(line(KEY.publicKey()).split(" ")[1]);
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aTreeAsTheGuidesSetItHasNoFindings() throws IOException {
    assertThat(doctor().withUser("alice").examine()).isEmpty();
  }

  @Test
  void aGroupWritableHomeIsAnErrorFixedByChmod700() throws IOException {
    set(home, "rwxrwxr-x", UID);
    assertFoundThenFixed(doctor(), "ERROR Home.Mode: " + q(home) + " has mode 0775; sshd's StrictModes refuses it "
        + "when group or others can write it; fix: chmod 700 " + q(home));
    assertHealthy();
  }

  @Test
  void aHomeOthersCanReadIsOnlyAWarning() throws IOException {
    set(home, "rwxr-xr-x", UID);
    assertFoundThenFixed(doctor(), "WARN Home.Mode: " + q(home) + " has mode 0755; sshd accepts it, but the guides "
        + "set 0700; fix: chmod 700 " + q(home));
    assertHealthy();
  }

  @Test
  void aHomeItsOwnerCannotEnterIsAnError() throws IOException {
    set(home, "rw-------", UID);
    assertFoundThenFixed(doctor(), "ERROR Home.Mode: " + q(home) + " has mode 0600; sshd reads it with the user's "
        + "rights, which the mode does not give; fix: chmod 700 " + q(home));
    assertHealthy();
  }

  @Test
  void anOtherWritableSshFolderIsAnErrorAndAReadableOneAWarning() throws IOException {
    set(ssh, "rwxrwxrwx", UID);
    assertFoundThenFixed(doctor(), "ERROR Ssh.Mode: " + q(ssh) + " has mode 0777; sshd's StrictModes refuses it "
        + "when group or others can write it; fix: chmod 700 " + q(ssh));
    set(ssh, "rwxr-xr-x", UID);
    assertFoundThenFixed(doctor(), "WARN Ssh.Mode: " + q(ssh) + " has mode 0755; sshd accepts it, but the guides "
        + "set 0700; fix: chmod 700 " + q(ssh));
    assertHealthy();
  }

  @Test
  void authorizedKeysModes() throws IOException {
    set(authorizedKeys, "rw-rw-r--", UID);
    assertFoundThenFixed(doctor(), "ERROR AuthorizedKeys.Mode: " + q(authorizedKeys) + " has mode 0664; sshd's "
        + "StrictModes refuses it when group or others can write it; fix: chmod 600 " + q(authorizedKeys));
    set(authorizedKeys, "rw-r--r--", UID);
    assertFoundThenFixed(doctor(), "WARN AuthorizedKeys.Mode: " + q(authorizedKeys) + " has mode 0644; sshd "
        + "accepts it, but the guides set 0600; fix: chmod 600 " + q(authorizedKeys));
    set(authorizedKeys, "-w-------", UID);
    assertFoundThenFixed(doctor(), "ERROR AuthorizedKeys.Mode: " + q(authorizedKeys) + " has mode 0200; sshd "
        + "reads it with the user's rights, which the mode does not give; fix: chmod 600 " + q(authorizedKeys));
    assertHealthy();
  }

  @Test
  void sshAndAuthorizedKeysOwnedBySomeoneElseAreErrorsFixedByChown() throws IOException {
    set(ssh, "rwx------", 4321);
    set(authorizedKeys, "rw-------", 0);
    assertFoundThenFixed(doctor(),
        "ERROR Ssh.Owner: " + q(ssh) + " is owned by uid 4321, not 1234; sshd refuses or cannot read it; fix: chown "
            + "1234:1234 " + q(ssh),
        "ERROR AuthorizedKeys.Owner: " + q(authorizedKeys) + " is owned by uid 0, not 1234; sshd refuses or cannot "
            + "read it; fix: chown 1234:1234 " + q(authorizedKeys));
    assertHealthy();
  }

  @Test
  void theHomeLevelFolderShouldBe0755Root() throws IOException {
    set(homes, "rwxrwxr-x", UID);
    assertFoundThenFixed(doctor(),
        "WARN HomeParent.Owner: " + q(homes) + " is owned by uid 1234; the guides have it owned by root, so that no "
            + "user can replace a home in it; fix: chown 0:0 " + q(homes),
        "WARN HomeParent.Mode: " + q(homes) + " has mode 0775; the guides set 0755; fix: chmod 755 " + q(homes));
    set(homes, "rwxr-x---", 0);
    assertFoundThenFixed(doctor(), "ERROR HomeParent.Mode: " + q(homes) + " has mode 0750; others cannot pass "
        + "through it, so sshd, reading with the user's rights, cannot reach the home; fix: chmod 755 " + q(homes));
    assertHealthy();
  }

  @Test
  void aMissingSshFolderAndAuthorizedKeysAreCreatedWithTheKeyModesAndOwner() throws IOException {
    Files.delete(authorizedKeys);
    Files.delete(ssh);
    assertFoundThenFixed(doctor(),
        "ERROR Ssh.Missing: " + q(ssh) + " does not exist; fix: mkdir -m 700 " + q(ssh) + " && chown 1234:1234 "
            + q(ssh),
        "ERROR AuthorizedKeys.Missing: " + q(authorizedKeys) + " does not exist; fix: keypair authorized-keys add "
            + "--file " + q(authorizedKeys) + " --in " + q(key) + " && chown 1234:1234 " + q(authorizedKeys));
    assertThat(Files.readString(authorizedKeys)).isEqualTo(line(KEY.publicKey()) + "\n");
    assertHealthy();
  }

  @Test
  void aKeyMissingFromAuthorizedKeysIsAppendedKeepingTheOtherLinesAndTheOwner() throws IOException {
    String others = "# kept\n" + Fixtures.text("rsa2048.pub");
    Files.writeString(authorizedKeys, others);
    assertFoundThenFixed(doctor(), "ERROR Key.NotAuthorized: the public half of " + q(key) + " ("
        + dev.keypair.fingerprint.Fingerprints.sha256(KEY.publicKey().keyData()).value() + ") is not in "
        + q(authorizedKeys) + "; fix: keypair authorized-keys add --file " + q(authorizedKeys) + " --in " + q(key));
    assertThat(Files.readString(authorizedKeys)).isEqualTo(others + line(KEY.publicKey()) + "\n");
    assertHealthy();
  }

  @Test
  void aPrivateKeyOthersCanReadIsAnError() throws IOException {
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertFoundThenFixed(LoginDoctor.forKey(key), "ERROR Key.Unprotected: " + q(key) + " has mode 0644; ssh "
        + "refuses a private key that group or others can read or write (UNPROTECTED PRIVATE KEY FILE); fix: "
        + "chmod 600 " + q(key));
    assertThat(mode(key)).isEqualTo("rw-------");
  }

  /** The .ppk is refused by ssh, but its public half is still read, so the rest is checked (and is fine here). */
  @Test
  void aPpkGivenToOpenSshIsAnErrorWithTheConvertCommandAndIsNotFixedByItself() throws IOException {
    Path ppk = writeKey("work.ppk", PrivateKeys.encode(KEY, PrivateKeyFormat.PPK, NONE));
    List<Finding> found = LoginDoctor.forKey(ppk).withHome(home).examine();
    assertThat(lines(found)).containsExactly("ERROR Key.Format: " + q(ppk) + " is a PuTTY .ppk key, which "
        + "OpenSSH's ssh cannot read (PuTTY and WinSCP can); fix: keypair convert --in " + q(ppk)
        + " --format openssh --out " + q(root.resolve("work")));
    assertThat(found.get(0).canFix()).isFalse();
    assertThat(LoginDoctor.fix(found)).isEmpty();
  }

  @Test
  void aPublicKeyGivenAsTheKeyIsBadInput() throws IOException {
    Path pub = writeKey("id.pub", Fixtures.bytes("ed25519.pub"));
    assertThatThrownBy(() -> LoginDoctor.forKey(pub).examine()).isInstanceOfSatisfying(KeyPairException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNRECOGNIZED_FORMAT));
  }

  /** The uid and gid come from the volume's own etc/passwd, not from the home's (wrong) owner. */
  @Test
  void theExpectedOwnerIsTheUsersEntryInTheVolumesPasswd() throws IOException {
    Files.createDirectory(root.resolve("etc"));
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nalice:x:1500:1501::/home/alice:/bin/sh\n");
    List<Finding> found = doctor().withUser("alice").examine();
    assertThat(found).extracting(Finding::code).containsExactly("Home.Owner", "Ssh.Owner", "AuthorizedKeys.Owner");
    assertThat(found.get(0).fixCommand()).isEqualTo("chown 1500:1501 " + q(home));
    LoginDoctor.fix(found);
    assertThat(doctor().withUser("alice").examine()).isEmpty();
    assertThat(Files.getAttribute(authorizedKeys, "unix:gid")).isEqualTo(1501);
  }

  /** Without a passwd to give the uid, a root-owned home for alice is found, and only named in its fix. */
  @Test
  void aHomeOwnedByRootForAnotherUserIsAnErrorItDoesNotGuessAFixFor() throws IOException {
    set(home, "rwx------", 0);
    List<Finding> found = doctor().withUser("alice").examine();
    assertThat(lines(found)).containsExactly("ERROR Home.Owner: " + q(home) + " is owned by uid 0, not the user; "
        + "sshd refuses or cannot read it; fix: chown alice: " + q(home));
    assertThat(LoginDoctor.fix(found)).isEmpty();
    assertThat(Files.getAttribute(home, "unix:uid")).isEqualTo(0);
  }

  /** A link below the home is never followed nor changed (on a mounted volume it could point at the helper's files). */
  @Test
  void aSymbolicLinkForSshIsReportedAndLeftAlone() throws IOException {
    Path elsewhere = Files.createDirectory(root.resolve("elsewhere"));
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.delete(authorizedKeys);
    Files.delete(ssh);
    Files.createSymbolicLink(ssh, elsewhere);
    List<Finding> found = doctor().examine();
    assertThat(found).extracting(Finding::code).containsExactly("Ssh.Type");
    assertThat(found.get(0).canFix()).isFalse();
    LoginDoctor.fix(found);
    assertThat(mode(elsewhere)).isEqualTo("rwxrwxrwx");
  }

  @Test
  void theWrongUserForTheImageIsAnError() throws IOException {
    assertThat(lines(LoginDoctor.forKey(key).withUser("ec2-user").withImage(ImageFamily.UBUNTU).examine()))
        .containsExactly("ERROR User.Image: ubuntu images log in as ubuntu, not ec2-user; fix: ssh -i " + q(key)
            + " ubuntu@HOST");
    assertThat(lines(LoginDoctor.forKey(key).withUser("ubuntu").withImage(ImageFamily.DEBIAN).examine()))
        .containsExactly("ERROR User.Image: debian images log in as admin, not ubuntu; fix: ssh -i " + q(key)
            + " admin@HOST");
  }

  @ParameterizedTest
  @EnumSource(ImageFamily.class)
  void everyLoginUserOfAFamilyIsAcceptedAndReadBackByName(ImageFamily family) throws IOException {
    assertThat(ImageFamily.fromCliName(family.cliName())).contains(family);
    for (String user : family.loginUsers()) {
      assertThat(LoginDoctor.forKey(key).withUser(user).withImage(family).examine()).isEmpty();
    }
    assertThat(LoginDoctor.forKey(key).withUser("nobody").withImage(family).examine())
        .extracting(Finding::code).containsExactly("User.Image");
  }

  /** The providers' table (PROVIDERS.md, "Default login users by image family"). */
  @Test
  void theLoginUsersAreThoseOfTheProvidersGuides() {
    assertThat(ImageFamily.AMAZON_LINUX.loginUsers()).containsExactly("ec2-user");
    assertThat(ImageFamily.CENTOS.loginUsers()).containsExactly("centos", "ec2-user");
    assertThat(ImageFamily.DEBIAN.loginUsers()).containsExactly("admin");
    assertThat(ImageFamily.FEDORA.loginUsers()).containsExactly("fedora", "ec2-user");
    assertThat(ImageFamily.RHEL.loginUsers()).containsExactly("ec2-user", "root");
    assertThat(ImageFamily.SUSE.loginUsers()).containsExactly("ec2-user", "root");
    assertThat(ImageFamily.UBUNTU.loginUsers()).containsExactly("ubuntu");
    assertThat(ImageFamily.ORACLE_LINUX.loginUsers()).containsExactly("ec2-user");
    assertThat(ImageFamily.BITNAMI.loginUsers()).containsExactly("bitnami");
    assertThat(ImageFamily.FREEBSD.loginUsers()).containsExactly("ec2-user");
    assertThat(ImageFamily.ALIBABA_CLOUD_LINUX.loginUsers()).containsExactly("root", "ecs-user");
    assertThat(ImageFamily.fromCliName("windows")).isEmpty();
  }
}
