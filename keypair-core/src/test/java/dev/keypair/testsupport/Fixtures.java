package dev.keypair.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The fixtures made by the real tools under {@code keypair-core/src/test/resources/fixtures}
 * (see {@code make-public-fixtures.sh} there, and {@code public/VERSIONS}).
 */
public final class Fixtures {

  /** Plain public keys, each with its {@code .pub}, fingerprints, randomart and exported forms. */
  public static final List<String> PUBLIC_KEYS = List.of("rsa1024", "rsa2048", "rsa2049", "rsa3072", "rsa4096",
      "ecdsa256", "ecdsa384", "ecdsa521", "ed25519", "dsa1024", "ed25519_spaces", "ecdsa256_nocomment",
      "ca_ed25519", "ca_rsa");

  /** Certificates signed by ssh-keygen. */
  public static final List<String> CERTIFICATES = List.of("rsa2048-user-cert", "ecdsa384-user-cert",
      "ed25519-user-cert", "dsa1024-user-cert", "ecdsa256-host-cert");

  /** Keys with an SPKI export ({@code NAME.pkcs8.pem} and {@code NAME.der.b64}). */
  public static final List<String> SPKI_KEYS = List.of("rsa1024", "rsa2048", "rsa2049", "rsa3072", "rsa4096",
      "ecdsa256", "ecdsa384", "ecdsa521", "dsa1024", "ecdsa256_nocomment", "ca_rsa");

  /** RSA keys with a PKCS#1 export ({@code NAME.pkcs1.pem}) and an AWS MD5 ({@code NAME.aws-md5}). */
  public static final List<String> RSA_KEYS = List.of("rsa1024", "rsa2048", "rsa2049", "rsa3072", "rsa4096", "ca_rsa");

  private Fixtures() {}

  public static byte[] bytes(String name) {
    String resource = "/fixtures/public/" + name;
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  /** The text without its final line end. */
  public static String line(String name) {
    String s = text(name);
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}
