package dev.keypair.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The openssl-made SubjectPublicKeyInfo fixtures under {@code src/test/resources/der} (see make-der-fixtures.sh). */
final class DerFixtures {

  private DerFixtures() {}

  /** The text of {@code der/NAME.pem}. */
  static String pem(String name) {
    String resource = "/der/" + name + ".pem";
    try (InputStream in = DerFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The DER inside {@code der/NAME.pem}, decoded without keypair's code. */
  static byte[] der(String name) {
    String pem = pem(name);
    String body = pem.substring(pem.indexOf('\n') + 1, pem.indexOf("-----END"));
    return Base64.getMimeDecoder().decode(body);
  }
}
