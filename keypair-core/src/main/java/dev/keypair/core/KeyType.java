package dev.keypair.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SSH public key algorithms keypair understands, by the names RFC 4253, RFC 5656, RFC 8709 and
 * OpenSSH's PROTOCOL.u2f give them.
 *
 * <p>{@link #UNKNOWN} stands for any other algorithm: such keys are kept opaque so they still
 * round-trip. New constants may be added in later versions, so a {@code switch} over this type should
 * have a {@code default} branch.
 */
public enum KeyType {
  /** RSA, {@code ssh-rsa} (RFC 4253). */
  RSA("ssh-rsa", "RSA", "rsa", 0),
  /** DSA, {@code ssh-dss} (RFC 4253); read but never generated. */
  DSA("ssh-dss", "DSA", "dsa", 0),
  /** ECDSA on NIST P-256 (RFC 5656). */
  ECDSA_NISTP256("ecdsa-sha2-nistp256", "ECDSA", "ecdsa", 256),
  /** ECDSA on NIST P-384 (RFC 5656). */
  ECDSA_NISTP384("ecdsa-sha2-nistp384", "ECDSA", "ecdsa", 384),
  /** ECDSA on NIST P-521 (RFC 5656). */
  ECDSA_NISTP521("ecdsa-sha2-nistp521", "ECDSA", "ecdsa", 521),
  /** Ed25519 (RFC 8709). */
  ED25519("ssh-ed25519", "ED25519", "ed25519", 256),
  /** A FIDO security key's ECDSA P-256 key (OpenSSH PROTOCOL.u2f). */
  SK_ECDSA_NISTP256("sk-ecdsa-sha2-nistp256@openssh.com", "ECDSA-SK", "ecdsa-sk", 256),
  /** A FIDO security key's Ed25519 key (OpenSSH PROTOCOL.u2f). */
  SK_ED25519("sk-ssh-ed25519@openssh.com", "ED25519-SK", "ed25519-sk", 256),
  /** Any other algorithm, kept opaque. */
  UNKNOWN("", "UNKNOWN", "unknown", 0);

  private static final String CERT_SUFFIX = "-cert-v01@openssh.com";
  private static final Map<String, KeyType> BY_NAME = new HashMap<>();
  private static final Map<String, KeyType> BY_CERT_NAME = new HashMap<>();

  static {
    for (KeyType t : values()) {
      if (t != UNKNOWN) {
        BY_NAME.put(t.sshName, t);
        BY_CERT_NAME.put(t.certificateName, t);
      }
    }
  }

  private final String sshName;
  private final String label;
  private final String family;
  private final int fixedBits;
  private final String certificateName;

  KeyType(String sshName, String label, String family, int fixedBits) {
    this.sshName = sshName;
    this.label = label;
    this.family = family;
    this.fixedBits = fixedBits;
    this.certificateName = sshName.isEmpty() ? "" : certName(sshName);
  }

  private static String certName(String name) {
    return name.endsWith("@openssh.com")
        ? name.substring(0, name.length() - "@openssh.com".length()) + CERT_SUFFIX
        : name + CERT_SUFFIX;
  }

  /** The name in keys and key lines, such as {@code ssh-ed25519}; empty for {@link #UNKNOWN}. */
  public String sshName() {
    return sshName;
  }

  /** The OpenSSH certificate type name, such as {@code ssh-ed25519-cert-v01@openssh.com}. */
  public String certificateName() {
    return certificateName;
  }

  /** The label {@code ssh-keygen -l} prints in parentheses, such as {@code ED25519}. */
  public String label() {
    return label;
  }

  /** The family name used by the command and registries: {@code rsa}, {@code ecdsa}, {@code ed25519}... */
  public String family() {
    return family;
  }

  /** Whether the key size is fixed by the type (the curves); RSA and DSA sizes vary. */
  public boolean hasFixedSize() {
    return fixedBits > 0;
  }

  /** The size of keys of this type, in bits, where it is fixed; 0 where it varies. */
  public int fixedBits() {
    return fixedBits;
  }

  /** Whether this is one of the ECDSA types (including the security key one). */
  public boolean isEcdsa() {
    return this == ECDSA_NISTP256 || this == ECDSA_NISTP384 || this == ECDSA_NISTP521 || this == SK_ECDSA_NISTP256;
  }

  /** The type with this plain (not certificate) name. */
  public static Optional<KeyType> fromSshName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The type certified by a certificate of this type name. */
  public static Optional<KeyType> fromCertificateName(String name) {
    return Optional.ofNullable(BY_CERT_NAME.get(name));
  }

  /** Whether {@code name} looks like an OpenSSH certificate type name, known or not. */
  public static boolean isCertificateName(String name) {
    return name.endsWith(CERT_SUFFIX);
  }
}
