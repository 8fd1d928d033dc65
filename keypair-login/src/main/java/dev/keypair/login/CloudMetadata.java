package dev.keypair.login;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.OpenSshPublicKeys;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * What a cloud's metadata holds for a public key, rendered as the instance (or its guest agent) reads it.
 *
 * <ul>
 *   <li>AWS: the instance metadata service lists {@code public-keys/} as {@code 0=NAME} and serves
 *       {@code public-keys/0/openssh-key} as the OpenSSH line with the key-pair name as its comment.</li>
 *   <li>GCP: each entry of the {@code ssh-keys} metadata value is {@code USER:TYPE KEY USER}, or, for a key
 *       that expires, {@code USER:TYPE KEY google-ssh {"userName":"USER","expireOn":"TIME"}} with the time
 *       in UTC as {@code yyyy-MM-dd'T'HH:mm:ss+0000}; the guest agent ignores an entry once it has expired.</li>
 * </ul>
 */
public final class CloudMetadata {

  private static final DateTimeFormatter EXPIRE_ON =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+0000'").withZone(ZoneOffset.UTC);

  private CloudMetadata() {}

  /** AWS {@code public-keys/}: the one key an instance launched with key pair {@code name} lists. */
  public static String awsPublicKeysIndex(String keyPairName) {
    return "0=" + requireLine(keyPairName, "key-pair name");
  }

  /**
   * AWS {@code public-keys/0/openssh-key}: {@code key}'s OpenSSH line with {@code keyPairName} as the comment,
   * and a line end.
   */
  public static String awsOpenSshKey(SshPublicKey key, String keyPairName) {
    Objects.requireNonNull(key, "key");
    return line(key.withComment(Comment.of(requireLine(keyPairName, "key-pair name")))) + "\n";
  }

  /** A GCP {@code ssh-keys} entry that does not expire: {@code USER:TYPE KEY USER}. */
  public static String gcpSshKey(String user, SshPublicKey key) {
    requireUser(user);
    return user + ":" + line(key.withComment(Comment.of(user)));
  }

  /**
   * A GCP {@code ssh-keys} entry that expires at {@code expireOn} (truncated to the second):
   * {@code USER:TYPE KEY google-ssh {"userName":"USER","expireOn":"2026-11-21T18:00:00+0000"}}.
   */
  public static String gcpSshKey(String user, SshPublicKey key, Instant expireOn) {
    requireUser(user);
    Objects.requireNonNull(expireOn, "expireOn");
    String json = "{\"userName\":\"" + user + "\",\"expireOn\":\"" + EXPIRE_ON.format(expireOn) + "\"}";
    return user + ":" + line(key.withComment(Comment.of("google-ssh " + json)));
  }

  private static String line(SshPublicKey key) {
    return OpenSshPublicKeys.encodeToString(key);
  }

  /** A user name GCP's guest agent can create and this rendering can carry (a colon or white space would break it). */
  private static void requireUser(String user) {
    UserNames.requirePortable(user, "GCP metadata");
  }

  private static String requireLine(String text, String what) {
    Objects.requireNonNull(text, what);
    if (text.isEmpty() || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new KeyPairException(ErrorCode.of("Login.InvalidName", ErrorCode.Category.INPUT),
          "a " + what + " in metadata is one line of printable characters");
    }
    return text;
  }
}
