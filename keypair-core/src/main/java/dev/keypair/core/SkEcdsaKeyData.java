package dev.keypair.core;

import dev.keypair.core.internal.SshWireWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A FIDO security key's ECDSA P-256 public key, {@code sk-ecdsa-sha2-nistp256@openssh.com}
 * (OpenSSH PROTOCOL.u2f):
 * <pre>
 * string  "sk-ecdsa-sha2-nistp256@openssh.com"
 * string  "nistp256"
 * string  Q                         uncompressed point, checked as for {@link EcdsaKeyData}
 * string  application               usually "ssh:"
 * </pre>
 */
public final class SkEcdsaKeyData extends AbstractKeyData implements KeyData {

  private final EcdsaKeyData ecdsa;
  private final String application;

  private SkEcdsaKeyData(EcdsaKeyData ecdsa, String application, byte[] blob) {
    super(blob);
    this.ecdsa = ecdsa;
    this.application = application;
  }

  /** A validated key from its P-256 point and FIDO application string. */
  public static SkEcdsaKeyData of(byte[] uncompressedPoint, String application) {
    Objects.requireNonNull(application, "application");
    EcdsaKeyData ec = EcdsaKeyData.of(EcCurve.NISTP256, uncompressedPoint);
    return new SkEcdsaKeyData(ec, application, encode(ec.point(), application));
  }

  static SkEcdsaKeyData decoded(byte[] point, String application, byte[] blob) {
    EcdsaKeyData ec = EcdsaKeyData.of(EcCurve.NISTP256, point);
    return new SkEcdsaKeyData(ec, application, blob);
  }

  private static byte[] encode(byte[] q, String application) {
    return new SshWireWriter().writeString(KeyType.SK_ECDSA_NISTP256.sshName())
        .writeString(EcCurve.NISTP256.sshName()).writeString(q)
        .writeString(application.getBytes(StandardCharsets.UTF_8)).toByteArray();
  }

  /** The ECDSA key the security key holds. */
  public EcdsaKeyData ecdsaKey() {
    return ecdsa;
  }

  /** The FIDO application (relying party) string, usually {@code ssh:}. */
  public String application() {
    return application;
  }

  @Override
  public KeyType type() {
    return KeyType.SK_ECDSA_NISTP256;
  }

  @Override
  public String algorithmName() {
    return KeyType.SK_ECDSA_NISTP256.sshName();
  }

  @Override
  public int bits() {
    return 256;
  }

  @Override
  public String label() {
    return KeyType.SK_ECDSA_NISTP256.label();
  }
}
