package dev.keypair.login;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.AuthorizedKeyEntry;
import dev.keypair.formats.KeyFiles;
import dev.keypair.formats.KeyFormat;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.formats.PublicKeys;
import dev.keypair.login.Finding.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds why a login with a private key would be refused ("Permission denied (publickey)"), as the providers'
 * troubleshooting guides list the causes, and fixes what it safely can.
 *
 * <p>What it looks at: the private key file (its mode, its format, its public half); with {@link #withHome} the
 * user's home as seen locally (the instance itself, or its root volume mounted on a helper instance): the folder
 * above the home (the image's {@code /home}), the home, {@code .ssh}, {@code authorized_keys} and whether the key's
 * public half is in it; with {@link #withImage} whether {@link #withUser the user} logs in on that image.
 *
 * <p>Severity follows sshd's {@code StrictModes} (OpenSSH's {@code safe_path}: {@code authorized_keys} and every
 * folder from it up to the home, inclusive, must be owned by the user or root and not group- or other-writable;
 * sshd reads the file with the user's rights) and ssh's own check (a private key that group or others can read or
 * write is refused): what makes the login fail is {@link Severity#ERROR}; what sshd accepts but the guides set up
 * otherwise ({@code /home} 0755 root, home 0700, {@code .ssh} 0700, {@code authorized_keys} 0600) is
 * {@link Severity#WARN}. A file or folder owned by root where the user is expected is an ERROR too: sshd would
 * accept the owner, but a 0600/0700 entry owned by root is unreadable with the user's rights, and the user cannot
 * maintain it.
 *
 * <p>The owner expected for the home, {@code .ssh} and {@code authorized_keys}: root's for {@code --user root};
 * else the user's uid and gid in {@code etc/passwd} two levels above the home ({@code /mnt/vol/home/alice} reads
 * {@code /mnt/vol/etc/passwd}), so that the ids are the image's, not the helper's; else the home's own owner. A
 * home owned by root for a user who is not root, with no passwd entry to say whose it should be, is a
 * {@code Home.Owner} finding whose fix names the user ({@code chown alice:}, resolved where it runs)
 * and is not applied; {@code .ssh} and {@code authorized_keys} are then only required not to be root's.
 *
 * <p>Codes: {@code Key.Unprotected}, {@code Key.Format}, {@code Key.PublicUnknown}, {@code Key.NotAuthorized},
 * {@code User.Image}, {@code HomeParent.Owner}, {@code HomeParent.Mode}, {@code Home.Owner}, {@code Home.Mode},
 * {@code Ssh.Missing}, {@code Ssh.Type}, {@code Ssh.Owner}, {@code Ssh.Mode}, {@code AuthorizedKeys.Missing},
 * {@code AuthorizedKeys.Type}, {@code AuthorizedKeys.Owner}, {@code AuthorizedKeys.Mode}.
 *
 * <p>The object is immutable; {@link #examine} only reads. Nothing it looks at below the home is followed if it
 * is a symbolic link (a link is a {@code .Type} finding, never changed).
 */
public final class LoginDoctor {

  private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");
  private static final int GROUP_OTHER_WRITE = 0022;

  private final Path key;
  private final String user;
  private final ImageFamily image;
  private final Path home;
  private final KeyPairLimits limits;

  private LoginDoctor(Path key, String user, ImageFamily image, Path home, KeyPairLimits limits) {
    this.key = key;
    this.user = user;
    this.image = image;
    this.home = home;
    this.limits = limits;
  }

  /** A doctor for logins with the private key in {@code key}. */
  public static LoginDoctor forKey(Path key) {
    return new LoginDoctor(Objects.requireNonNull(key, "key"), null, null, null, KeyPairLimits.defaults());
  }

  /** The user the login is as. */
  public LoginDoctor withUser(String user) {
    return new LoginDoctor(key, Objects.requireNonNull(user, "user"), image, home, limits);
  }

  /** The image family of the instance; needs {@link #withUser}. */
  public LoginDoctor withImage(ImageFamily image) {
    return new LoginDoctor(key, user, Objects.requireNonNull(image, "image"), home, limits);
  }

  /** The user's home as seen locally (a symbolic link here is followed: it is the caller's choice). */
  public LoginDoctor withHome(Path home) {
    return new LoginDoctor(key, user, image, Objects.requireNonNull(home, "home"), limits);
  }

  /** The caps for reading the key, {@code authorized_keys} and {@code passwd}. */
  public LoginDoctor withLimits(KeyPairLimits limits) {
    return new LoginDoctor(key, user, image, home, Objects.requireNonNull(limits, "limits"));
  }

  /**
   * What would refuse the login, in the order of the path a login takes: the key, the user, then from the folder
   * above the home down to {@code authorized_keys}. Empty if nothing was found.
   *
   * @throws KeyPairException {@link ErrorCode#UNREADABLE} if the key or the home is missing or of the wrong kind,
   *     {@link ErrorCode#UNRECOGNIZED_FORMAT} if the key file is no private key, or the code of a damaged key
   * @throws IllegalStateException for {@link #withImage} without {@link #withUser}
   */
  public List<Finding> examine() throws IOException {
    if (image != null && user == null) {
      throw new IllegalStateException("an image family is checked against a user; none was given");
    }
    List<Finding> findings = new ArrayList<>();
    Optional<PublicHalf> publicHalf = examineKey(findings);
    if (image != null && !image.isLoginUser(user)) {
      findings.add(new Finding(Severity.ERROR, "User.Image", image.cliName() + " images log in as "
          + String.join(" or ", image.loginUsers()) + ", not " + user,
          "ssh -i " + quote(key) + " " + image.loginUsers().get(0) + "@HOST", null));
    }
    if (home != null) {
      examineHome(findings, publicHalf);
    }
    return List.copyOf(findings);
  }

  /**
   * Applies the fixes of {@code findings} that {@link Finding#canFix() can be applied}, in order: modes, owners,
   * a missing {@code .ssh}, the key appended to {@code authorized_keys} (atomically, keeping its owner; a new
   * file gets the expected owner). Nothing is ever deleted.
   *
   * @return the findings fixed, in order
   */
  public static List<Finding> fix(List<Finding> findings) throws IOException {
    List<Finding> fixed = new ArrayList<>();
    for (Finding f : findings) {
      if (f.canFix()) {
        f.action().apply();
        fixed.add(f);
      }
    }
    return List.copyOf(fixed);
  }

  // ---------------------------------------------------------------- the key

  /** The key's public half and the file a fix can give {@code keypair authorized-keys add --in}. */
  private record PublicHalf(SshPublicKey key, Path source) {}

  private Optional<PublicHalf> examineKey(List<Finding> findings) throws IOException {
    byte[] content = readCapped(key);
    Optional<KeyFormat> format = PrivateKeys.detect(content);
    if (format.isEmpty()) {
      throw new KeyPairException(ErrorCode.UNRECOGNIZED_FORMAT, key + " is not a private key file (ssh -i and the "
          + "doctor take the private key, not its .pub)");
    }
    int mode = mode(Files.readAttributes(key, "unix:mode"));
    if ((mode & 0077) != 0) {
      findings.add(new Finding(Severity.ERROR, "Key.Unprotected", quote(key) + " has mode " + octal(mode)
          + "; ssh refuses a private key that group or others can read or write (UNPROTECTED PRIVATE KEY FILE)",
          "chmod 600 " + quote(key), () -> chmod(key, 0600)));
    }
    if (format.get() == KeyFormat.PPK_V2 || format.get() == KeyFormat.PPK_V3) {
      Path out = key.resolveSibling(withoutPpkSuffix(key.getFileName().toString()));
      findings.add(new Finding(Severity.ERROR, "Key.Format", quote(key) + " is a PuTTY .ppk key, which OpenSSH's "
          + "ssh cannot read (PuTTY and WinSCP can)",
          "keypair convert --in " + quote(key) + " --format openssh --out " + quote(out), null));
    }
    try {
      return Optional.of(new PublicHalf(PrivateKeys.decode(content, null, limits).publicKey(), key));
    } catch (KeyPairException e) {
      if (!e.code().equals(ErrorCode.PASSPHRASE_REQUIRED)) {
        throw e;
      }
    }
    // an encrypted PEM or PKCS#8 key keeps no public half in the clear: the .pub next to it stands in for it
    Path pub = key.resolveSibling(key.getFileName() + ".pub");
    if (Files.isRegularFile(pub)) {
      return Optional.of(new PublicHalf(PublicKeys.decode(readCapped(pub), limits).key(), pub));
    }
    findings.add(new Finding(Severity.WARN, "Key.PublicUnknown", quote(key) + " is encrypted and keeps no public "
        + "half in the clear, and there is no " + quote(pub) + "; whether authorized_keys holds it is not checked",
        "ssh-keygen -y -f " + quote(key) + " > " + quote(pub), null));
    return Optional.empty();
  }

  private static String withoutPpkSuffix(String name) {
    return name.toLowerCase(java.util.Locale.ROOT).endsWith(".ppk") && name.length() > 4
        ? name.substring(0, name.length() - 4) : name + ".openssh";
  }

  // ---------------------------------------------------------------- the home

  /** The owner and group fixes give; {@code known} false when only the user's name is (the fix is not applied). */
  private record Owner(int uid, int gid, String spelled, boolean known) {
    /** Whether {@code actualUid} is right; with only the name known, any owner but root may be the user. */
    boolean is(int actualUid) {
      return known ? uid == actualUid : actualUid != 0;
    }
  }

  private void examineHome(List<Finding> findings, Optional<PublicHalf> publicHalf) throws IOException {
    Path dir;
    try {
      dir = home.toRealPath();
    } catch (NoSuchFileException e) {
      throw new KeyPairException(ErrorCode.UNREADABLE, home + ": no such folder");
    }
    if (!Files.isDirectory(dir)) {
      throw new KeyPairException(ErrorCode.UNREADABLE, home + " is not a folder");
    }
    var homeAttrs = Files.readAttributes(dir, "unix:mode,uid,gid");
    Owner owner = expectedOwner(dir, (Integer) homeAttrs.get("uid"), (Integer) homeAttrs.get("gid"));

    Path parent = dir.getParent();
    if (parent != null) {
      var attrs = Files.readAttributes(parent, "unix:mode,uid");
      if ((Integer) attrs.get("uid") != 0) {
        findings.add(new Finding(Severity.WARN, "HomeParent.Owner", quote(parent) + " is owned by uid "
            + attrs.get("uid") + "; the guides have it owned by root, so that no user can replace a home in it",
            "chown 0:0 " + quote(parent), () -> chown(parent, 0, 0)));
      }
      int mode = mode(attrs);
      if ((mode & 0001) == 0) {
        findings.add(modeFinding(Severity.ERROR, "HomeParent.Mode", parent, mode, 0755,
            "others cannot pass through it, so sshd, reading with the user's rights, cannot reach the home"));
      } else if ((mode & 0777) != 0755) {
        findings.add(modeFinding(Severity.WARN, "HomeParent.Mode", parent, mode, 0755, "the guides set 0755"));
      }
    }

    checkOwner(findings, "Home", dir, (Integer) homeAttrs.get("uid"), owner);
    checkMode(findings, "Home", dir, mode(homeAttrs), 0700, 0100);

    Path ssh = dir.resolve(".ssh");
    Path authorizedKeys = ssh.resolve("authorized_keys");
    if (!Files.exists(ssh, LinkOption.NOFOLLOW_LINKS)) {
      findings.add(new Finding(Severity.ERROR, "Ssh.Missing", quote(ssh) + " does not exist",
          "mkdir -m 700 " + quote(ssh) + " && chown " + owner.spelled() + " " + quote(ssh),
          owner.known() ? () -> {
            Files.createDirectory(ssh, PosixFilePermissions.asFileAttribute(permissions(0700)));
            chmod(ssh, 0700); // the umask may have taken bits away from the 0700 asked for
            chown(ssh, owner.uid(), owner.gid());
          } : null));
    } else if (!examineEntry(findings, "Ssh", ssh, true, 0700, 0100, owner)) {
      return;
    }

    if (!Files.exists(authorizedKeys, LinkOption.NOFOLLOW_LINKS)) {
      String source = publicHalf.map(p -> quote(p.source()))
          .orElse(quote(key.resolveSibling(key.getFileName() + ".pub")));
      findings.add(new Finding(Severity.ERROR, "AuthorizedKeys.Missing", quote(authorizedKeys) + " does not exist",
          "keypair authorized-keys add --file " + quote(authorizedKeys) + " --in " + source + " && chown "
              + owner.spelled() + " " + quote(authorizedKeys),
          owner.known() && publicHalf.isPresent() ? () -> {
            AuthorizedKeysFile.empty().add(AuthorizedKeyEntry.of(publicHalf.get().key())).write(authorizedKeys);
            chown(authorizedKeys, owner.uid(), owner.gid());
          } : null));
      return;
    }
    if (!examineEntry(findings, "AuthorizedKeys", authorizedKeys, false, 0600, 0400, owner)
        || publicHalf.isEmpty()) {
      return;
    }
    SshPublicKey wanted = publicHalf.get().key();
    if (AuthorizedKeysFile.read(authorizedKeys, limits).find(wanted).isEmpty()) {
      findings.add(new Finding(Severity.ERROR, "Key.NotAuthorized", "the public half of " + quote(key) + " ("
          + Fingerprints.sha256(wanted.keyData()).value() + ") is not in " + quote(authorizedKeys),
          "keypair authorized-keys add --file " + quote(authorizedKeys) + " --in " + quote(publicHalf.get().source()),
          () -> AuthorizedKeysFile.read(authorizedKeys, limits).add(AuthorizedKeyEntry.of(wanted))
              .write(authorizedKeys)));
    }
  }

  /**
   * The owner and mode checks of {@code .ssh} or {@code authorized_keys}; false if it is a link or of the wrong
   * kind, so that nothing below it is looked at.
   */
  private boolean examineEntry(List<Finding> findings, String what, Path path, boolean folder, int wantedMode,
      int ownerNeeds, Owner owner) throws IOException {
    BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (basic.isSymbolicLink() || (folder ? !basic.isDirectory() : !basic.isRegularFile())) {
      String kind = basic.isSymbolicLink() ? "a symbolic link" : folder ? "not a folder" : "not a regular file";
      findings.add(new Finding(Severity.ERROR, what + ".Type", quote(path) + " is " + kind
          + "; the doctor neither follows nor changes it",
          "ls -ld " + quote(path) + " # and make it a " + (folder ? "folder" : "file") + " by hand", null));
      return false;
    }
    var attrs = Files.readAttributes(path, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
    checkOwner(findings, what, path, (Integer) attrs.get("uid"), owner);
    checkMode(findings, what, path, mode(attrs), wantedMode, ownerNeeds);
    return true;
  }

  private static void checkOwner(List<Finding> findings, String what, Path path, int uid, Owner owner) {
    if (!owner.is(uid)) {
      findings.add(new Finding(Severity.ERROR, what + ".Owner", quote(path) + " is owned by uid " + uid
          + (owner.known() ? ", not " + owner.uid() : ", not the user") + "; sshd refuses or cannot read it",
          "chown " + owner.spelled() + " " + quote(path),
          owner.known() ? () -> chown(path, owner.uid(), owner.gid()) : null));
    }
  }

  /**
   * ERROR for what sshd's StrictModes refuses (group or other write) or what stops it reading with the user's
   * rights (the owner lacks {@code ownerNeeds}); WARN for any other mode than the guides' {@code wanted}.
   */
  private static void checkMode(List<Finding> findings, String what, Path path, int mode, int wanted,
      int ownerNeeds) {
    if ((mode & GROUP_OTHER_WRITE) != 0) {
      findings.add(modeFinding(Severity.ERROR, what + ".Mode", path, mode, wanted,
          "sshd's StrictModes refuses it when group or others can write it"));
    } else if ((mode & ownerNeeds) == 0) {
      findings.add(modeFinding(Severity.ERROR, what + ".Mode", path, mode, wanted,
          "sshd reads it with the user's rights, which the mode does not give"));
    } else if ((mode & 0777) != wanted) {
      findings.add(modeFinding(Severity.WARN, what + ".Mode", path, mode, wanted,
          "sshd accepts it, but the guides set " + octal(wanted)));
    }
  }

  private static Finding modeFinding(Severity severity, String code, Path path, int mode, int wanted, String why) {
    return new Finding(severity, code, quote(path) + " has mode " + octal(mode) + "; " + why,
        "chmod " + Integer.toOctalString(wanted) + " " + quote(path), () -> chmod(path, wanted));
  }

  private Owner expectedOwner(Path dir, int homeUid, int homeGid) throws IOException {
    if ("root".equals(user)) {
      return new Owner(0, 0, "0:0", true);
    }
    if (user != null) {
      Optional<Owner> fromPasswd = passwdEntry(dir);
      if (fromPasswd.isPresent()) {
        return fromPasswd.get();
      }
      if (homeUid == 0) {
        String name = SAFE_WORD.matcher(user).matches() ? user : quote(user);
        return new Owner(-1, -1, name + ":", false); // chown NAME: gives the user's login group
      }
    }
    return new Owner(homeUid, homeGid, homeUid + ":" + homeGid, true);
  }

  /** The user's uid and gid in {@code etc/passwd} of the file system the home is on (two levels up), if any. */
  private Optional<Owner> passwdEntry(Path dir) throws IOException {
    Path homeParent = dir.getParent();
    Path root = homeParent == null ? null : homeParent.getParent();
    Path passwd = root == null ? null : root.resolve("etc").resolve("passwd");
    if (passwd == null || !Files.isRegularFile(passwd)) {
      return Optional.empty();
    }
    for (String line : new String(readCapped(passwd), StandardCharsets.UTF_8).split("\n")) {
      String[] fields = line.split(":", -1);
      if (fields.length >= 4 && fields[0].equals(user)) {
        try {
          int uid = Integer.parseInt(fields[2]);
          int gid = Integer.parseInt(fields[3]);
          return Optional.of(new Owner(uid, gid, uid + ":" + gid, true));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- files

  private byte[] readCapped(Path file) throws IOException {
    try {
      return KeyFiles.readRegular(file, limits);
    } catch (NoSuchFileException e) {
      throw new KeyPairException(ErrorCode.UNREADABLE, file + ": no such file");
    }
  }

  private static int mode(java.util.Map<String, Object> attrs) {
    return (Integer) attrs.get("mode") & 07777;
  }

  private static void chmod(Path path, int mode) throws IOException {
    Files.setPosixFilePermissions(path, permissions(mode));
  }

  private static void chown(Path path, int uid, int gid) throws IOException {
    Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : PosixFilePermission.values()) {
      if ((mode & (1 << (8 - p.ordinal()))) != 0) {
        set.add(p);
      }
    }
    return set;
  }

  private static String octal(int mode) {
    return String.format("%04o", mode & 07777);
  }

  /** {@code path} quoted for a POSIX shell: {@code '/a b/it'\''s'}. */
  static String quote(Object path) {
    return "'" + path.toString().replace("'", "'\\''") + "'";
  }
}
