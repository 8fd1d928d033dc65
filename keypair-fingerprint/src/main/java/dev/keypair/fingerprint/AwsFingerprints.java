package dev.keypair.fingerprint;

import dev.keypair.core.Bytes;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.internal.Wipe;
import dev.keypair.formats.PemPrivateKeys;
import dev.keypair.formats.SubjectPublicKeyInfo;
import java.security.MessageDigest;

/**
 * The fingerprints the Amazon EC2 console and API show ({@code KeyFingerprint}), which differ from
 * {@code ssh-keygen}'s and depend on how the key pair came to be:
 * <table>
 *   <caption>AWS key fingerprints</caption>
 *   <tr><th>key pair</th><th>fingerprint</th><th>as the AWS guide computes it</th></tr>
 *   <tr><td>RSA, imported</td><td>MD5 of the DER SubjectPublicKeyInfo, colon hex</td>
 *       <td>{@code ssh-keygen -e -m PKCS8 -f k.pub | openssl pkey -pubin -outform DER | openssl md5 -c}</td></tr>
 *   <tr><td>RSA, created by EC2</td><td>SHA-1 of the DER PKCS#8 private key, colon hex</td>
 *       <td>{@code openssl pkcs8 -in k.pem -inform PEM -outform DER -topk8 -nocrypt | openssl sha1 -c}</td></tr>
 *   <tr><td>Ed25519, either way</td><td>SHA-256 of the SSH blob, base64 with {@code =} padding, no prefix</td>
 *       <td>{@code ssh-keygen -l -f k} without {@code SHA256:}, plus {@code =}</td></tr>
 * </table>
 * So one RSA key has one fingerprint when EC2 made it and another when it was imported (and the MD5
 * here is not {@code ssh-keygen -E md5}, which hashes the SSH blob). EC2 accepts no other key types.
 * Source: the EC2 user guide, "Verify the fingerprint of your key pair".
 */
public final class AwsFingerprints {

  private AwsFingerprints() {}

  /**
   * The fingerprint EC2 shows for this public key once imported (also for an Ed25519 key EC2 created).
   *
   * @throws KeyPairException {@link ErrorCode#UNSUPPORTED_ALGORITHM} for key types EC2 does not accept
   */
  public static Fingerprint imported(KeyData key) {
    KeyData plain = key.plainKey();
    if (key.isCertificate()) {
      throw unsupported(key);
    }
    if (plain.type() == KeyType.RSA) {
      byte[] spki = SubjectPublicKeyInfo.encode(plain);
      return new Fingerprint(FingerprintAlgorithm.AWS_IMPORTED_MD5,
          Fingerprints.digest(FingerprintAlgorithm.AWS_IMPORTED_MD5, Bytes.of(spki)), FingerprintEncoding.HEX_COLONS);
    }
    if (plain.type() == KeyType.ED25519) {
      return Fingerprints.sha256(plain).in(FingerprintEncoding.BASE64_PADDED);
    }
    throw unsupported(key);
  }

  /**
   * The fingerprint EC2 shows for a key pair it created: for RSA, SHA-1 of the DER PKCS#8 encoding of
   * the private key ({@code PrivateKeyInfo}, RFC 5208) exactly as
   * {@code openssl pkcs8 -topk8 -nocrypt -outform DER} writes it for the same key file; for Ed25519,
   * the same value as {@link #imported(KeyData)}.
   *
   * <p>The primes are used in the order the file gives them, as openssl does; PuTTYgen swaps them
   * on import, which changes this value (not the imported-key one) for a key that went through it.
   *
   * @throws KeyPairException {@link ErrorCode#UNSUPPORTED_ALGORITHM} for key types EC2 does not make
   */
  public static Fingerprint created(SshPrivateKey key) {
    KeyData pub = key.keyData().publicKey();
    if (pub.type() == KeyType.ED25519) {
      return imported(pub);
    }
    if (pub.type() != KeyType.RSA) {
      throw unsupported(pub);
    }
    byte[] der = PemPrivateKeys.pkcs8Der(key, dev.keypair.core.InsecureSecretAccess.get());
    try {
      MessageDigest sha1 = FingerprintAlgorithm.AWS_CREATED_SHA1.newDigest();
      return new Fingerprint(FingerprintAlgorithm.AWS_CREATED_SHA1, Bytes.of(sha1.digest(der)),
          FingerprintEncoding.HEX_COLONS);
    } finally {
      Wipe.wipe("pkcs8-der", der);
    }
  }

  private static KeyPairException unsupported(KeyData key) {
    return new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM,
        "AWS accepts only RSA and Ed25519 keys, not " + key.label());
  }
}
