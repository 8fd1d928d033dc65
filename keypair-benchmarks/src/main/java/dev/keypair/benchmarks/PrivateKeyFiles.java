package dev.keypair.benchmarks;

import dev.keypair.core.EcdsaKeyData;
import dev.keypair.core.EcdsaPrivateKeyData;
import dev.keypair.core.Ed25519KeyData;
import dev.keypair.core.Ed25519PrivateKeyData;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.PrivateKeyData;
import dev.keypair.core.RsaKeyData;
import dev.keypair.core.RsaPrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.KeyProtection;
import dev.keypair.formats.OpenSshPrivateKeys;
import dev.keypair.formats.PemPrivateKeys;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PuttyPrivateKeys;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Collection;
import java.util.function.Supplier;
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

  /**
   * keypair's consistency check of a private key alone, as every reader of it runs it: the public factory that
   * takes the key's parts and checks them against each other (RSA: the public half, p * q = n, e * d = 1 mod p - 1
   * and q - 1, iqmp; ECDSA: d * G = Q; Ed25519: the public key derived from the seed). Parts taken at set-up.
   */
  static Supplier<PrivateKeyData> check(SshPrivateKey key) {
    return check(key, key.keyData().publicKey());
  }

  /** The same check of {@code key}'s private parts against {@code publicKey} (another key's, in tests). */
  static Supplier<PrivateKeyData> check(SshPrivateKey key, KeyData publicKey) {
    InsecureSecretAccess access = InsecureSecretAccess.get();
    PrivateKeyData k = key.keyData();
    if (k instanceof RsaPrivateKeyData rsa) {
      RsaKeyData pub = (RsaKeyData) publicKey;
      BigInteger d = rsa.privateExponent(access);
      BigInteger p = rsa.primeP(access);
      BigInteger q = rsa.primeQ(access);
      BigInteger iqmp = rsa.crtCoefficient(access);
      return () -> RsaPrivateKeyData.of(pub, d, p, q, iqmp, KeyPairLimits.defaults());
    }
    if (k instanceof EcdsaPrivateKeyData ec) {
      EcdsaKeyData pub = (EcdsaKeyData) publicKey;
      BigInteger d = ec.privateScalar(access);
      return () -> EcdsaPrivateKeyData.of(pub, d);
    }
    Ed25519PrivateKeyData ed = (Ed25519PrivateKeyData) k;
    Ed25519KeyData pub = (Ed25519KeyData) publicKey;
    byte[] seed = ed.seed(access);
    return () -> Ed25519PrivateKeyData.of(pub, seed);
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
