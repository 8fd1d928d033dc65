package dev.keypair.benchmarks;

import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.KeyProtection;
import dev.keypair.formats.OpenSshPrivateKeys;
import dev.keypair.formats.PemPrivateKeys;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PuttyPrivateKeys;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Collection;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.loader.KeyPairResourceParser;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The private key files of the private-key benchmarks, written at set-up by keypair's own encoders from key pairs
 * made from {@link Inputs#SEED}, and the anchors' readers of them.
 */
final class PrivateKeyFiles {

  /** The passphrase of every encrypted file (a benchmark's, not a secret). */
  static final String PASSPHRASE = "correct horse battery staple";

  private PrivateKeyFiles() {}

  static Passphrase passphrase() {
    return Passphrase.of(PASSPHRASE.toCharArray());
  }

  static SshPrivateKey key(String kind) {
    return new Inputs.Keys(Inputs.SEED).privateKey(kind);
  }

  /** PEM: {@code pkcs1} (RSA PRIVATE KEY, or EC PRIVATE KEY for ECDSA) or {@code pkcs8} (PRIVATE KEY), unencrypted. */
  static byte[] pem(SshPrivateKey key, String structure) {
    PrivateKeyFormat format = structure.equals("pkcs8") ? PrivateKeyFormat.PKCS8 : PrivateKeyFormat.PEM;
    return PemPrivateKeys.encode(key, format, KeyProtection.none(InsecureSecretAccess.get()));
  }

  /** openssh-key-v1: unencrypted for 0 rounds, else aes256-ctr with bcrypt_pbkdf at this many rounds. */
  static byte[] openSsh(SshPrivateKey key, int rounds) {
    KeyProtection protection = rounds == 0 ? KeyProtection.none(InsecureSecretAccess.get())
        : KeyProtection.passphrase(passphrase()).withOpenSshCipher("aes256-ctr").withBcryptRounds(rounds);
    return OpenSshPrivateKeys.encode(key, protection);
  }

  /** PPK version 3, encrypted with keypair's defaults, which are PuTTY's (Argon2id, 8192 KiB, 34 passes, 1 lane). */
  static byte[] ppk(SshPrivateKey key) {
    return PuttyPrivateKeys.encode(key, 3, KeyProtection.passphrase(passphrase()));
  }

  /** A MINA parser's key pairs from this text. */
  static Collection<KeyPair> mina(KeyPairResourceParser parser, byte[] text, boolean encrypted)
      throws IOException, GeneralSecurityException {
    return parser.loadKeyPairs(null, NamedResource.ofName("bench"),
        encrypted ? FilePasswordProvider.of(PASSPHRASE) : FilePasswordProvider.EMPTY,
        new String(text, StandardCharsets.US_ASCII));
  }

  /** BouncyCastle's {@code PEMParser} and {@code JcaPEMKeyConverter}: a key pair for PKCS#1 and SEC1, a private key for PKCS#8. */
  static Object bc(byte[] text) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(new String(text, StandardCharsets.US_ASCII)))) {
      Object o = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair);
      }
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IOException("not a private key: " + (o == null ? "nothing" : o.getClass().getSimpleName()));
    }
  }
}
