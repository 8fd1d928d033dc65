package dev.keypair.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyData;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Checks shared by the agreement tests: the anchors' answers in keypair's terms. */
final class SameAnswers {

  private SameAnswers() {}

  /** A digest spelled as ssh-keygen spells a SHA-256 fingerprint. */
  static String sha256Spelling(byte[] digest) {
    return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
  }

  /** That {@code anchorKey} is the private half of {@code expected}: its signature verifies with keypair's public key. */
  static void assertPrivateHalfOf(PrivateKey anchorKey, KeyData expected) throws GeneralSecurityException {
    String algorithm = switch (anchorKey.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC", "ECDSA" -> "SHA256withECDSA";
      default -> "Ed25519";
    };
    byte[] message = "the same key".getBytes(StandardCharsets.US_ASCII);
    // a BouncyCastle key signs with BouncyCastle's provider (it may not be registered)
    Signature sign = anchorKey.getClass().getName().startsWith("org.bouncycastle.")
        ? Signature.getInstance(algorithm, new BouncyCastleProvider()) : Signature.getInstance(algorithm);
    sign.initSign(anchorKey);
    sign.update(message);
    byte[] signature = sign.sign();
    Signature verify = Signature.getInstance(algorithm);
    verify.initVerify(expected.toJcaPublicKey());
    verify.update(message);
    assertThat(verify.verify(signature)).as("a signature by the anchor's private key verifies with keypair's key").isTrue();
  }
}
