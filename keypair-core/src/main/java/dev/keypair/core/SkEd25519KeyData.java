package dev.keypair.core;

import dev.keypair.core.internal.SshWireWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A FIDO security key's Ed25519 public key, {@code sk-ssh-ed25519@openssh.com} (OpenSSH PROTOCOL.u2f):
 * <pre>
 * string  "sk-ssh-ed25519@openssh.com"
 * string  key                       exactly 32 bytes
 * string  application               usually "ssh:"
 * </pre>
 */
public final class SkEd25519KeyData extends AbstractKeyData implements KeyData {

  private final byte[] key;
  private final String application;

  private SkEd25519KeyData(byte[] key, String application, byte[] blob) {
    super(blob);
    this.key = key;
    this.application = application;
  }

  /** A key from its 32 bytes and FIDO application string. */
  public static SkEd25519KeyData of(byte[] publicKey, String application) {
    Objects.requireNonNull(application, "application");
    byte[] k = Ed25519KeyData.check(publicKey.clone());
    byte[] blob = new SshWireWriter().writeString(KeyType.SK_ED25519.sshName()).writeString(k)
        .writeString(application.getBytes(StandardCharsets.UTF_8)).toByteArray();
    return new SkEd25519KeyData(k, application, blob);
  }

  static SkEd25519KeyData decoded(byte[] key, String application, byte[] blob) {
    return new SkEd25519KeyData(Ed25519KeyData.check(key), application, blob);
  }

  /** The 32 key bytes, copied. */
  public byte[] keyBytes() {
    return key.clone();
  }

  /** The FIDO application (relying party) string, usually {@code ssh:}. */
  public String application() {
    return application;
  }

  @Override
  public KeyType type() {
    return KeyType.SK_ED25519;
  }

  @Override
  public String algorithmName() {
    return KeyType.SK_ED25519.sshName();
  }

  @Override
  public int bits() {
    return 256;
  }

  @Override
  public String label() {
    return KeyType.SK_ED25519.label();
  }
}
