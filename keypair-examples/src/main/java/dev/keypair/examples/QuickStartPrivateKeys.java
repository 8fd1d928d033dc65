package dev.keypair.examples;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyGenerator;
import dev.keypair.core.KeyType;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.fingerprint.AwsFingerprints;
import dev.keypair.formats.DecodedPrivateKey;
import dev.keypair.formats.KeyFiles;
import dev.keypair.formats.KeyProtection;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README's private key quick start, runnable: {@code QuickStartPrivateKeys DIR} writes
 * {@code id_ed25519}, {@code id_ed25519.pub} and {@code id_ed25519.ppk} into DIR. The README quotes
 * the code between the {@code snippet} markers verbatim, and a test checks that it still does.
 */
public final class QuickStartPrivateKeys {

  private QuickStartPrivateKeys() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    char[] secret = "correct horse battery staple".toCharArray(); // in real code: read, never a literal
    // snippet:start
    // A new key pair, written as ssh-keygen writes it: the private key owner-only from its first byte.
    SshPrivateKey key = KeyGenerator.create().generate(KeyType.ED25519, Comment.of("deploy@ci"));
    try (Passphrase passphrase = Passphrase.of(secret)) {
      byte[] file = PrivateKeys.encode(key, PrivateKeyFormat.OPENSSH, KeyProtection.passphrase(passphrase));
      KeyFiles.writePrivate(dir.resolve("id_ed25519"), file, KeyFiles.WriteOptions.safe());
    }
    KeyFiles.writePublic(dir.resolve("id_ed25519.pub"), PublicKeys.encode(key.publicKey(), PublicKeyFormat.OPENSSH),
        KeyFiles.WriteOptions.safe());

    // Any private key file (OpenSSH, PEM, PKCS#8, PuTTY .ppk), converted for PuTTY.
    try (Passphrase passphrase = Passphrase.of(secret)) {
      DecodedPrivateKey read = PrivateKeys.decode(Files.readAllBytes(dir.resolve("id_ed25519")), passphrase);
      byte[] ppk = PrivateKeys.encode(read.requirePrivateKey(), PrivateKeyFormat.PPK, KeyProtection.passphrase(passphrase));
      KeyFiles.writePrivate(dir.resolve("id_ed25519.ppk"), ppk, KeyFiles.WriteOptions.safe());
    }

    // The fingerprint the AWS console shows for an RSA key pair it created: SHA-1 of the PKCS#8 private key.
    SshPrivateKey rsa = KeyGenerator.create().generate(KeyType.RSA, 2048, Comment.none());
    System.out.println(AwsFingerprints.created(rsa));                // 59 characters of colon hex
    // snippet:end
    java.util.Arrays.fill(secret, '\0');
  }
}
