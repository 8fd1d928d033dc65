package dev.keypair.fingerprint;

import dev.keypair.core.Bytes;
import dev.keypair.core.KeyData;
import dev.keypair.core.SshPublicKey;
import dev.keypair.core.internal.CoreAccess;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * OpenSSH fingerprints: a digest of the RFC 4251 public key blob, spelled as {@code ssh-keygen -l -E}
 * prints it.
 *
 * <p>For a certificate, {@code ssh-keygen -l} fingerprints the <em>certified key</em> (it hashes the
 * plain key's blob), and so do {@link #of(KeyData, FingerprintAlgorithm)} and the shortcuts here; the
 * digest of the whole certificate blob, which PuTTY also shows, is {@link #ofWholeBlob}.
 */
public final class Fingerprints {

  private Fingerprints() {}

  /** {@code SHA256:...}, as {@code ssh-keygen -l} prints by default. */
  public static Fingerprint sha256(KeyData key) {
    return of(key, FingerprintAlgorithm.SHA256);
  }

  /** {@code MD5:aa:bb:...}, as {@code ssh-keygen -l -E md5} prints. */
  public static Fingerprint md5(KeyData key) {
    return of(key, FingerprintAlgorithm.MD5);
  }

  /** {@code SHA1:...}, as {@code ssh-keygen -l -E sha1} prints. */
  public static Fingerprint sha1(KeyData key) {
    return of(key, FingerprintAlgorithm.SHA1);
  }

  /**
   * The OpenSSH fingerprint of {@code key} (of the certified key for a certificate), spelled as
   * ssh-keygen spells it.
   *
   * @param algorithm {@link FingerprintAlgorithm#SHA256}, {@link FingerprintAlgorithm#MD5} or
   *     {@link FingerprintAlgorithm#SHA1}
   */
  public static Fingerprint of(KeyData key, FingerprintAlgorithm algorithm) {
    return ofWholeBlob(key.plainKey(), algorithm);
  }

  /** The digest of the key's whole blob: for a certificate, of the certificate itself. */
  public static Fingerprint ofWholeBlob(KeyData key, FingerprintAlgorithm algorithm) {
    Objects.requireNonNull(key, "key");
    if (!algorithm.hashesSshBlob()) {
      throw new IllegalArgumentException(algorithm + " does not hash the SSH blob; see AwsFingerprints");
    }
    Bytes digest = algorithm == FingerprintAlgorithm.SHA256
        ? CoreAccess.sha256(key, () -> digest(algorithm, key.blob())) // kept by the key: hashed once
        : digest(algorithm, key.blob());
    return new Fingerprint(algorithm, digest, FingerprintEncoding.OPENSSH);
  }

  static Bytes digest(FingerprintAlgorithm algorithm, Bytes data) {
    MessageDigest md = algorithm.newDigest();
    data.writeTo(md);
    return Bytes.of(md.digest());
  }

  /**
   * The line {@code ssh-keygen -l -E ALG} prints for a key, without line end:
   * {@code BITS FINGERPRINT COMMENT (TYPE)}, with {@code no comment} where there is none, the comment's
   * bytes as they are.
   */
  public static byte[] sshKeygenLine(SshPublicKey key, FingerprintAlgorithm algorithm) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((key.bits() + " " + of(key.keyData(), algorithm).value() + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(key.comment().isEmpty() ? "no comment".getBytes(StandardCharsets.US_ASCII)
        : key.comment().bytes().toByteArray());
    out.writeBytes((" (" + key.keyData().label() + ")").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** {@link #sshKeygenLine(SshPublicKey, FingerprintAlgorithm)} as a String (the comment decoded as UTF-8). */
  public static String sshKeygenLineString(SshPublicKey key, FingerprintAlgorithm algorithm) {
    return new String(sshKeygenLine(key, algorithm), StandardCharsets.UTF_8);
  }
}
