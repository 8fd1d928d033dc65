package dev.keypair.formats;

import dev.keypair.core.KeyData;
import dev.keypair.core.Passphrase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The openssl- and ssh-keygen-made private key fixtures under {@code src/test/resources/pem-private}
 * (see make-pem-private-fixtures.sh and VERSIONS there).
 */
final class PemPrivateFixtures {

  private PemPrivateFixtures() {}

  static byte[] bytes(String name) {
    String resource = "/pem-private/" + name;
    try (InputStream in = PemPrivateFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.US_ASCII);
  }

  /** The first line of a passphrase file, as openssl's {@code -passout file:} reads it. */
  private static String passphraseText(String file) {
    String s = new String(bytes(file), StandardCharsets.UTF_8);
    return s.substring(0, s.indexOf('\n'));
  }

  /** The passphrase of the encrypted fixtures ({@code PASSPHRASE}). */
  static Passphrase passphrase() {
    return Passphrase.of(passphraseText("PASSPHRASE").toCharArray());
  }

  /** The passphrase of the {@code *.utf8pass.pem} fixtures: non-ASCII text ({@code PASSPHRASE-UTF8}). */
  static Passphrase utf8Passphrase() {
    return Passphrase.of(passphraseText("PASSPHRASE-UTF8").toCharArray());
  }

  /** The public key openssl says {@code KEY} has ({@code KEY.spki.pem}, from {@code openssl pkey -pubout}). */
  static KeyData publicKey(String key) {
    return PemPublicKeys.parse(bytes(key + ".spki.pem")).keyData();
  }

  /** The public key ssh-keygen says a file has ({@code NAME.pub}, from {@code ssh-keygen -y}). */
  static KeyData sshPublicKey(String name) {
    return OpenSshPublicKeys.parse(bytes(name + ".pub")).keyData();
  }

  /** The DER inside a fixture, decoded without keypair's code. */
  static byte[] der(String name) {
    String pem = text(name);
    String body = pem.substring(pem.indexOf('\n') + 1, pem.indexOf("-----END"));
    return Base64.getMimeDecoder().decode(body);
  }
}
