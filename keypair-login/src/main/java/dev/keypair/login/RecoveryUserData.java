package dev.keypair.login;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.OpenSshPublicKeys;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The EC2 user data that gives key login back to a user whose key was lost (the AWS guide's user-data method for
 * "Permission denied (publickey)"): a cloud-init MIME multipart document of two parts.
 *
 * <ol>
 *   <li>{@code text/cloud-config} ({@code cloud-config.txt}): {@code cloud_final_modules: - [scripts-user, always]},
 *       so cloud-init runs the user-data script at every boot, not only the first. While it is set, it is the
 *       instance's whole list of final modules.</li>
 *   <li>{@code text/x-shellscript} ({@code userdata.txt}): a POSIX {@code sh} script, run as root, that looks the
 *       user up with {@code getent passwd}, makes the home not group- or other-writable, creates {@code ~/.ssh}
 *       (0700) and appends the key to {@code ~/.ssh/authorized_keys} (0600) unless a line already holds that key
 *       (the same type and base64, whatever its options or comment), and gives both to the user's uid and primary
 *       gid. It refuses to follow a {@code .ssh} or {@code authorized_keys} that is a symbolic link.</li>
 * </ol>
 *
 * <p>Because it runs at every boot, the user data should be removed once the user can log in again: {@link
 * #reminder()} says so. The key is written as its OpenSSH line; a certificate gives its certified key (the key
 * that logs in), and a comment is kept only if it is printable ASCII (the parts are 7-bit US-ASCII), else left out.
 * Every value in the script is single-quoted; the user name must also be a portable one, not all digits (which
 * {@code getent} would take for a uid).
 */
public final class RecoveryUserData {

  /** The most user data EC2 accepts, in bytes, before base64 encoding. */
  public static final int AWS_MAX_BYTES = 16 * 1024;

  /** The part boundary of the AWS guide's example, used whenever the content does not hold it. */
  static final String PREFERRED_BOUNDARY = "//";

  private static final Pattern KEY_TYPE = Pattern.compile("[A-Za-z0-9@._-]+");
  private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7e]*");

  private final String user;
  private final String authorizedKeysLine;
  private final String cloudConfig;
  private final String shellScript;
  private final String boundary;
  private final String document;

  private RecoveryUserData(String user, String keyType, String keyData, String line) {
    this.user = user;
    this.authorizedKeysLine = line;
    this.cloudConfig = "#cloud-config\ncloud_final_modules:\n- [scripts-user, always]\n";
    this.shellScript = script(user, keyType, keyData, line);
    this.boundary = boundaryFor(cloudConfig + shellScript);
    this.document = "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\n"
        + "MIME-Version: 1.0\n"
        + "\n"
        + part("text/cloud-config", "cloud-config.txt", cloudConfig)
        + part("text/x-shellscript", "userdata.txt", shellScript)
        + "--" + boundary + "--\n";
  }

  /**
   * The user data that restores login with {@code key} for {@code user}.
   *
   * @throws KeyPairException {@code Login.InvalidUser} for a user name that is not portable or is all digits;
   *     {@code Login.UserDataTooLarge} if the document would pass {@link #AWS_MAX_BYTES}
   */
  public static RecoveryUserData of(String user, SshPublicKey key) {
    UserNames.requirePortable(user, "recovery user data");
    if (user.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new KeyPairException(UserNames.INVALID_USER, "a user name of digits only would be taken for a uid");
    }
    Objects.requireNonNull(key, "key");
    SshPublicKey plain = key.keyData().isCertificate() ? SshPublicKey.of(key.keyData().plainKey(), key.comment()) : key;
    String keyType = plain.keyData().algorithmName();
    if (!KEY_TYPE.matcher(keyType).matches()) {
      throw new KeyPairException(ErrorCode.UNREPRESENTABLE, "the key type is not one word an authorized_keys line can carry");
    }
    String comment = plain.comment().toString();
    boolean keepComment = PRINTABLE_ASCII.matcher(comment).matches();
    String line = OpenSshPublicKeys.encodeToString(keepComment ? plain : plain.withComment(Comment.none()));
    String keyData = line.split(" ", 3)[1];
    RecoveryUserData data = new RecoveryUserData(user, keyType, keyData, line);
    int size = data.document.getBytes(StandardCharsets.US_ASCII).length;
    if (size > AWS_MAX_BYTES) {
      throw new KeyPairException(ErrorCode.of("Login.UserDataTooLarge", ErrorCode.Category.INPUT),
          "the user data would be " + size + " bytes; EC2 accepts at most " + AWS_MAX_BYTES);
    }
    return data;
  }

  /** The user whose login it restores. */
  public String user() {
    return user;
  }

  /** The line the script appends to {@code authorized_keys} (without a line end). */
  public String authorizedKeysLine() {
    return authorizedKeysLine;
  }

  /** The cloud-config part's content. */
  public String cloudConfig() {
    return cloudConfig;
  }

  /** The shell part's content: the script run as root at every boot. */
  public String shellScript() {
    return shellScript;
  }

  /** The multipart boundary: {@code //} unless the content holds {@code --//}. */
  public String boundary() {
    return boundary;
  }

  /** The whole user data: the MIME multipart document to paste into the instance's user data (US-ASCII, LF ends). */
  public String document() {
    return document;
  }

  /** One line: the user data runs at every boot, so remove it once login works again. */
  public String reminder() {
    return "This user data runs at every boot: once you can log in as " + user + " again, remove it "
        + "(stop the instance, then Actions > Instance settings > Edit user data).";
  }

  private String part(String contentType, String fileName, String content) {
    return "--" + boundary + "\n"
        + "Content-Type: " + contentType + "; charset=\"us-ascii\"\n"
        + "MIME-Version: 1.0\n"
        + "Content-Transfer-Encoding: 7bit\n"
        + "Content-Disposition: attachment; filename=\"" + fileName + "\"\n"
        + "\n"
        + content
        + "\n"; // the line end before a boundary belongs to the boundary: the content keeps its last line end
  }

  /** {@link #PREFERRED_BOUNDARY}, or the first {@code keypair-N} whose delimiter the content does not hold. */
  static String boundaryFor(String content) {
    if (!content.contains("--" + PREFERRED_BOUNDARY)) {
      return PREFERRED_BOUNDARY;
    }
    int n = 1;
    while (content.contains("--keypair-" + n)) {
      n++;
    }
    return "keypair-" + n;
  }

  /** {@code text} as one sh word: single-quoted, each {@code '} written as {@code '\''}. */
  static String shellQuote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  private static String script(String user, String keyType, String keyData, String line) {
    return "#!/bin/sh\n"
        + "# keypair recovery user data: key login for one user, restored at every boot.\n"
        + "# Remove this user data once the user can log in again.\n"
        + "set -eu\n"
        + "umask 077\n"
        + "user=" + shellQuote(user) + "\n"
        + "key_type=" + shellQuote(keyType) + "\n"
        + "key_data=" + shellQuote(keyData) + "\n"
        + "key_line=" + shellQuote(line) + "\n"
        + "\n"
        + "say() {\n"
        + "  printf 'keypair recovery: %s\\n' \"$*\"\n"
        + "}\n"
        + "fail() {\n"
        + "  say \"$*\" >&2\n"
        + "  exit 1\n"
        + "}\n"
        + "\n"
        + "entry=$(getent passwd \"$user\") || fail \"no user $user in the passwd database\"\n"
        + "field() {\n"
        + "  printf '%s\\n' \"$entry\" | head -n 1 | cut -d: -f\"$1\"\n"
        + "}\n"
        + "[ \"$(field 1)\" = \"$user\" ] || fail \"getent passwd $user gave another user\"\n"
        + "uid=$(field 3)\n"
        + "gid=$(field 4)\n"
        + "home=$(field 6)\n"
        + "for id in \"$uid\" \"$gid\"; do\n"
        + "  case $id in\n"
        + "    '' | *[!0-9]*) fail \"the passwd entry of $user has no numeric uid and gid\" ;;\n"
        + "  esac\n"
        + "done\n"
        + "case $home in\n"
        + "  /?*) ;;\n"
        + "  *) fail \"the home of $user is not an absolute path: $home\" ;;\n"
        + "esac\n"
        + "[ -d \"$home\" ] || fail \"the home of $user, $home, is not a directory\"\n"
        + "ssh_dir=$home/.ssh\n"
        + "keys=$ssh_dir/authorized_keys\n"
        + "[ ! -L \"$ssh_dir\" ] || fail \"$ssh_dir is a symbolic link; not following it\"\n"
        + "[ ! -L \"$keys\" ] || fail \"$keys is a symbolic link; not following it\"\n"
        + "\n"
        + "chmod go-w \"$home\"\n"
        + "mkdir -p \"$ssh_dir\"\n"
        + "chmod 700 \"$ssh_dir\"\n"
        + "if [ -e \"$keys\" ] && [ ! -f \"$keys\" ]; then\n"
        + "  fail \"$keys is not a regular file\"\n"
        + "fi\n"
        + "# the key counts as there when a line that is not a comment has its type and base64 as two fields\n"
        + "if [ -f \"$keys\" ] && awk -v t=\"$key_type\" -v k=\"$key_data\" '\n"
        + "    /^[ \\t]*#/ { next }\n"
        + "    { for (i = 1; i < NF; i++) if ($i == t && $(i + 1) == k) found = 1 }\n"
        + "    END { exit !found }' \"$keys\"; then\n"
        + "  say \"the key is already in $keys\"\n"
        + "else\n"
        + "  if [ -s \"$keys\" ] && [ -n \"$(tail -c 1 \"$keys\")\" ]; then\n"
        + "    echo >> \"$keys\"\n"
        + "  fi\n"
        + "  printf '%s\\n' \"$key_line\" >> \"$keys\"\n"
        + "  say \"key added to $keys\"\n"
        + "fi\n"
        + "chmod 600 \"$keys\"\n"
        + "chown \"$uid:$gid\" \"$ssh_dir\" \"$keys\"\n"
        + "say \"remove this user data once $user can log in: it runs at every boot\"\n";
  }
}
