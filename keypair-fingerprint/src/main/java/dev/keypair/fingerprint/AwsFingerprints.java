package dev.keypair.fingerprint;

import dev.keypair.core.Bytes;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyType;
import dev.keypair.formats.SubjectPublicKeyInfo;

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
   * The fingerprint EC2 shows for an RSA key pair it created, from the DER PKCS#8 encoding of the
   * private key ({@code PrivateKeyInfo}, RFC 5208). Reading private key files to get that encoding
   * comes with keypair's private key support.
   *
   * @param pkcs8Der the unencrypted DER PrivateKeyInfo of the RSA private key
   */
  public static Fingerprint createdFromPkcs8(byte[] pkcs8Der) {
    return new Fingerprint(FingerprintAlgorithm.AWS_CREATED_SHA1,
        Fingerprints.digest(FingerprintAlgorithm.AWS_CREATED_SHA1, Bytes.of(pkcs8Der)), FingerprintEncoding.HEX_COLONS);
  }

  private static KeyPairException unsupported(KeyData key) {
    return new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM,
        "AWS accepts only RSA and Ed25519 keys, not " + key.label());
  }
}
