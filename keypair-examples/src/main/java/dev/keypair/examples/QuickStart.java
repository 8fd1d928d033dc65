package dev.keypair.examples;

import dev.keypair.core.SshPublicKey;
import dev.keypair.fingerprint.AwsFingerprints;
import dev.keypair.fingerprint.FingerprintMatcher;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README's quick start, runnable: {@code QuickStart path/to/key.pub}. The README quotes the code
 * between the {@code snippet} markers verbatim, and a test checks that it still does.
 */
public final class QuickStart {

  private QuickStart() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "keypair-examples/src/main/resources/demo/demo_ed25519.pub");
    // snippet:start
    // Read a public key in any format: OpenSSH line, authorized_keys, RFC 4716, PEM, Base64 DER.
    SshPublicKey key = PublicKeys.parse(Files.readAllBytes(file));

    // Fingerprints exactly as ssh-keygen -l prints them, and as the AWS console shows them.
    System.out.println(Fingerprints.sha256(key.keyData()));          // SHA256:...
    System.out.println(Fingerprints.md5(key.keyData()));             // MD5:..:..
    System.out.println(AwsFingerprints.imported(key.keyData()));     // RSA: MD5 of the DER; Ed25519: padded SHA-256

    // Does a fingerprint pasted from a console belong to this key?
    FingerprintMatcher.Result r = FingerprintMatcher.match(key.keyData(), "SHA256:bGkNAcRW+FpjTTeQQ7Rpl4ndD5df/zagFRCAegS7UPs");
    System.out.println(r.matched().map(a -> "match: " + a.displayName()).orElse("no match"));

    // Write it in another format.
    System.out.print(PublicKeys.encodeToString(key, PublicKeyFormat.RFC4716));
    // snippet:end
  }
}
