package dev.keypair.fingerprint;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What a fingerprint hashes, and with which function.
 *
 * <p>The same key has different fingerprints under different algorithms, and consoles pick different
 * ones: {@code ssh-keygen -l} prints {@link #SHA256} of the SSH blob; Alibaba Cloud ECS, OpenStack,
 * DigitalOcean and Hetzner show {@link #MD5} of the SSH blob (RFC 4716 section 4); AWS shows
 * {@link #AWS_IMPORTED_MD5} for an imported RSA key, {@link #AWS_CREATED_SHA1} for an RSA key it made,
 * and {@link #SHA256} (padded base64) for Ed25519.
 */
public enum FingerprintAlgorithm {
  /** SHA-256 of the SSH public key blob ({@code ssh-keygen -l}, the default since OpenSSH 6.8). */
  SHA256("SHA256", "SHA-256", 32),
  /** MD5 of the SSH public key blob (legacy {@code ssh-keygen -l -E md5}, RFC 4716 section 4). */
  MD5("MD5", "MD5", 16),
  /** SHA-1 of the SSH public key blob ({@code ssh-keygen -l -E sha1}). */
  SHA1("SHA1", "SHA-1", 20),
  /** MD5 of the DER SubjectPublicKeyInfo: what AWS shows for an imported RSA key. */
  AWS_IMPORTED_MD5("AWS-IMPORTED-MD5", "MD5", 16),
  /** SHA-1 of the DER PKCS#8 private key: what AWS shows for an RSA key pair it created. */
  AWS_CREATED_SHA1("AWS-CREATED-SHA1", "SHA-1", 20);

  private final String displayName;
  private final String jcaName;
  private final int digestLength;
  private volatile MessageDigest prototype;

  FingerprintAlgorithm(String displayName, String jcaName, int digestLength) {
    this.displayName = displayName;
    this.jcaName = jcaName;
    this.digestLength = digestLength;
  }

  /** The name the command prints ({@code match: SHA256}) and ssh-keygen uses as prefix. */
  public String displayName() {
    return displayName;
  }

  /** Length of the digest in bytes. */
  public int digestLength() {
    return digestLength;
  }

  /** The hash function's name as ssh-keygen spells it in a prefix: {@code SHA256}, {@code MD5}, {@code SHA1}. */
  public String hashName() {
    return hashNameOfLength(digestLength);
  }

  /** {@code MD5}, {@code SHA1} or {@code SHA256} for a digest of 16, 20 or 32 bytes. */
  static String hashNameOfLength(int length) {
    switch (length) {
      case 16:
        return "MD5";
      case 20:
        return "SHA1";
      case 32:
        return "SHA256";
      default:
        throw new IllegalArgumentException("no fingerprint hash has " + length + " bytes");
    }
  }

  /** Whether this hashes the SSH public key blob (the OpenSSH algorithms). */
  public boolean hashesSshBlob() {
    return this == SHA256 || this == MD5 || this == SHA1;
  }

  /**
   * A fresh digest of this algorithm's hash function: a copy of an untouched prototype, which costs
   * less than a provider look-up on every fingerprint (the prototype itself is only ever cloned).
   */
  MessageDigest newDigest() {
    MessageDigest p = prototype;
    if (p == null) {
      p = lookUp();
      prototype = p;
    }
    try {
      return (MessageDigest) p.clone();
    } catch (CloneNotSupportedException e) {
      return lookUp(); // a provider whose digest cannot be copied
    }
  }

  private MessageDigest lookUp() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + jcaName, e);
    }
  }
}
