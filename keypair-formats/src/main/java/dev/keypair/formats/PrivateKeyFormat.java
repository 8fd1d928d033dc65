package dev.keypair.formats;

import java.util.Optional;

/**
 * The formats a private key can be written in, with the names the {@code keypair} command uses
 * ({@code --format openssh|pem|pkcs8|ppk|ppk2}).
 */
public enum PrivateKeyFormat {
  /** OpenSSH's {@code openssh-key-v1} ({@code -----BEGIN OPENSSH PRIVATE KEY-----}), what ssh-keygen writes. */
  OPENSSH("openssh"),
  /**
   * Traditional OpenSSL PEM: {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC1), encrypted
   * with the legacy {@code Proc-Type}/{@code DEK-Info} headers. Ed25519 has no traditional form.
   */
  PEM("pem"),
  /** PKCS#8 {@code PRIVATE KEY}, or {@code ENCRYPTED PRIVATE KEY} (PBES2) with a passphrase. */
  PKCS8("pkcs8"),
  /** PuTTY's {@code .ppk}, version 3 (Argon2 key derivation), what puttygen writes by default. */
  PPK("ppk"),
  /** PuTTY's {@code .ppk}, version 2, for PuTTY before 0.75. */
  PPK2("ppk2");

  private final String cliName;

  PrivateKeyFormat(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  public static Optional<PrivateKeyFormat> fromCliName(String name) {
    for (PrivateKeyFormat f : values()) {
      if (f.cliName.equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
