package dev.keypair.fingerprint;

/** How a digest is spelled. */
public enum FingerprintEncoding {
  /**
   * As {@code ssh-keygen -l -E} prints: the algorithm name, a colon, then unpadded base64 for SHA-256
   * and SHA-1 ({@code SHA256:kYaaN7...Nro}) or lowercase colon hex for MD5 ({@code MD5:66:d3:...:9e}).
   */
  OPENSSH,
  /** Lowercase hexadecimal pairs separated by colons: {@code 6a:e9:26:...:d2} (AWS, Alibaba Describe, OpenStack). */
  HEX_COLONS,
  /** Lowercase hexadecimal without separators (Alibaba CreateKeyPair). */
  HEX,
  /** Standard base64 without padding and without prefix. */
  BASE64,
  /** Standard base64 with its {@code =} padding and no prefix: how AWS shows Ed25519 fingerprints. */
  BASE64_PADDED
}
