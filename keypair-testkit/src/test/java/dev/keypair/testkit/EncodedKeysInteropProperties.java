package dev.keypair.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.SshPublicKey;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.OpenSshPublicKeys;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import dev.keypair.testsupport.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A few tries of the encoded keys read by the real tools: ssh-keygen, openssl and puttygen derive the same
 * public key from them (and ssh-keygen the same fingerprint). Passphrases are ASCII here, as they pass through
 * the command line. ssh-keygen 9.2 refuses an {@code openssh-key-v1} file with CRLF line ends, which keypair
 * reads, so it is given that format with LF.
 */
class EncodedKeysInteropProperties {

  @Property(tries = 25)
  void theToolsReadEncodedPublicKeys(@ForAll("publicKeys") EncodedPublicKey encoded) throws IOException {
    Path dir = Files.createTempDirectory("testkit-interop");
    try {
      Path file = dir.resolve("k");
      Files.write(file, encoded.bytes());
      SshPublicKey key = encoded.key();
      String f = file.toString();
      switch (encoded.format()) {
        case OPENSSH -> assertThat(ExternalTools.sshKeygen().run("-l", "-f", f).ok().out().split(" ")[1])
            .isEqualTo(Fingerprints.sha256(key.keyData()).value());
        case RFC4716 -> assertThat(keyFields(ExternalTools.sshKeygen().run("-i", "-m", "RFC4716", "-f", f).ok().out()))
            .isEqualTo(keyFields(key));
        case PEM_PKCS1 -> assertThat(keyFields(ExternalTools.sshKeygen().run("-i", "-m", "PEM", "-f", f).ok().out()))
            .isEqualTo(keyFields(key));
        case PEM_SPKI -> assertThat(ExternalTools.openssl().run("pkey", "-pubin", "-in", f).ok().out())
            .isEqualTo(PublicKeys.encodeToString(key, PublicKeyFormat.PEM_SPKI));
        case DER_BASE64 -> {
          Files.write(file, Base64.getDecoder().decode(encoded.text().strip()));
          assertThat(ExternalTools.openssl().run("pkey", "-pubin", "-inform", "DER", "-in", f).ok().out())
              .isEqualTo(PublicKeys.encodeToString(key, PublicKeyFormat.PEM_SPKI));
        }
        default -> throw new AssertionError(encoded.format());
      }
    } finally {
      delete(dir);
    }
  }

  @Provide
  Arbitrary<EncodedPublicKey> publicKeys() {
    return EncodedKeys.publicKeys();
  }

  @Property(tries = 25)
  void theToolsReadEncodedPrivateKeys(@ForAll("privateKeys") EncodedPrivateKey encoded) throws IOException {
    Path dir = Files.createTempDirectory("testkit-interop");
    try {
      Path file = dir.resolve("k");
      // ssh-keygen refuses an openssh-key-v1 file with CRLF line ends ("error in libcrypto"); keypair reads it
      Files.write(file, encoded.format() == PrivateKeyFormat.OPENSSH
          ? encoded.text().replace("\r\n", "\n").getBytes(StandardCharsets.US_ASCII) : encoded.bytes());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      String f = file.toString();
      String pw = encoded.passphrase().orElse("");
      SshPublicKey key = encoded.key().publicKey();
      switch (encoded.format()) {
        case OPENSSH -> assertThat(keyFields(ExternalTools.sshKeygen().run("-y", "-P", pw, "-f", f).ok().out()))
            .isEqualTo(keyFields(key));
        case PEM, PKCS8 -> assertThat(ExternalTools.openssl().run("pkey", "-in", f, "-passin", "pass:" + pw, "-pubout")
            .ok().out()).isEqualTo(PublicKeys.encodeToString(key, PublicKeyFormat.PEM_SPKI));
        case PPK, PPK2 -> {
          Path pwFile = dir.resolve("pw");
          Files.writeString(pwFile, pw, StandardCharsets.US_ASCII);
          String line = ExternalTools.puttygen().run(f, "--old-passphrase", pwFile.toString(), "-O", "public-openssh")
              .ok().out().strip();
          assertThat(line).isEqualTo(OpenSshPublicKeys.encodeToString(key).strip());
        }
        default -> throw new AssertionError(encoded.format());
      }
    } finally {
      delete(dir);
    }
  }

  @Provide
  Arbitrary<EncodedPrivateKey> privateKeys() {
    return EncodedKeys.privateKeys().withPassphrases(Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20));
  }

  /** The type and Base64 fields of an OpenSSH line, without its comment. */
  private static String keyFields(String line) {
    String[] f = line.strip().split(" ");
    return f[0] + " " + f[1];
  }

  private static String keyFields(SshPublicKey key) {
    return keyFields(OpenSshPublicKeys.encodeToString(key));
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
