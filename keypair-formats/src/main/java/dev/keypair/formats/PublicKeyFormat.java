package dev.keypair.formats;

import java.util.Optional;

/**
 * The formats a public key can be written in, with the names the {@code keypair} command uses for
 * them ({@code --format openssh|rfc4716|pem|pkcs1|der-base64}).
 */
public enum PublicKeyFormat {
  /** One OpenSSH line: {@code ssh-ed25519 AAAA... comment}, as in {@code .pub} files and {@code authorized_keys}. */
  OPENSSH("openssh"),
  /** The SSH2 public key file of RFC 4716, {@code ---- BEGIN SSH2 PUBLIC KEY ----}, as {@code ssh-keygen -e} writes it. */
  RFC4716("rfc4716"),
  /** PEM {@code PUBLIC KEY}: a DER SubjectPublicKeyInfo (RFC 5280), as {@code ssh-keygen -e -m PKCS8} writes it. */
  PEM_SPKI("pem"),
  /** PEM {@code RSA PUBLIC KEY}: PKCS#1 RSAPublicKey (RFC 8017), RSA only, as {@code ssh-keygen -e -m PEM} writes it. */
  PEM_PKCS1("pkcs1"),
  /** The DER SubjectPublicKeyInfo in base64 on one line: the "Base64 encoded DER" AWS imports. */
  DER_BASE64("der-base64");

  private final String cliName;

  PublicKeyFormat(String cliName) {
    this.cliName = cliName;
  }

  /** The name the command uses. */
  public String cliName() {
    return cliName;
  }

  public static Optional<PublicKeyFormat> fromCliName(String name) {
    for (PublicKeyFormat f : values()) {
      if (f.cliName.equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
