package dev.keypair.formats;

import dev.keypair.core.Comment;
import dev.keypair.core.DsaKeyData;
import dev.keypair.core.DsaPrivateKeyData;
import dev.keypair.core.EcdsaKeyData;
import dev.keypair.core.EcdsaPrivateKeyData;
import dev.keypair.core.Ed25519KeyData;
import dev.keypair.core.Ed25519PrivateKeyData;
import dev.keypair.core.KeyData;
import dev.keypair.core.Passphrase;
import dev.keypair.core.PrivateKeyData;
import dev.keypair.core.RsaPrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import dev.keypair.core.internal.SshWireReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The puttygen fixtures under {@code src/test/resources/ppk/} (see make-ppk-fixtures.sh there), and two
 * oracles independent of keypair's codecs: a minimal reader of the unencrypted {@code openssh-key-v1}
 * files puttygen exports ({@code -O private-openssh-new}), and a reader of the numbers
 * {@code openssl pkey -text -noout} prints.
 */
final class PpkFixtures {

  /** The keys of the fixtures (DSA is read only). */
  static final List<String> KEYS = List.of("rsa2048", "rsa4096", "ecdsa256", "ecdsa384", "ecdsa521", "ed25519",
      "dsa1024");
  /** The four files made of each key. */
  static final List<String> VARIANTS = List.of("_v3", "_v2", "_v3_enc", "_v2_enc");

  private PpkFixtures() {}

  /** The passphrase of the encrypted fixtures (a fresh one: callers may destroy it). */
  static Passphrase passphrase() {
    return Passphrase.of("correct horse battery staple".toCharArray());
  }

  static byte[] bytes(String file) {
    try (InputStream in = PpkFixtures.class.getResourceAsStream("/ppk/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture ppk/" + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String file) {
    return new String(bytes(file), StandardCharsets.ISO_8859_1);
  }

  /** The public key puttygen exported ({@code NAME.pub}). */
  static SshPublicKey publicKey(String name) {
    return OpenSshPublicKeys.parse(bytes(name + ".pub"));
  }

  /** The private key puttygen exported ({@code NAME.openssh}), read by {@link #openSsh}. */
  static SshPrivateKey privateKey(String name) {
    return openSsh(bytes(name + ".openssh"));
  }

  /**
   * The key of an unencrypted {@code openssh-key-v1} file (OpenSSH PROTOCOL.key), read here without
   * keypair's codecs: {@code "openssh-key-v1\0"}, ciphername, kdfname, kdfoptions, one public key, and
   * the private section {@code checkint, checkint, string type, <type's values>, string comment, padding}.
   */
  static SshPrivateKey openSsh(byte[] file) {
    String text = new String(file, StandardCharsets.US_ASCII);
    String body = text.replace("-----BEGIN OPENSSH PRIVATE KEY-----", "")
        .replace("-----END OPENSSH PRIVATE KEY-----", "").replaceAll("\\s", "");
    byte[] raw = Base64.getDecoder().decode(body);
    byte[] magic = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    if (!Arrays.equals(Arrays.copyOf(raw, magic.length), magic)) {
      throw new IllegalArgumentException("not openssh-key-v1");
    }
    SshWireReader r = new SshWireReader(raw, magic.length, raw.length - magic.length, "openssh-key-v1");
    if (!"none".equals(r.readUtf8("cipher")) || !"none".equals(r.readUtf8("kdf"))) {
      throw new IllegalArgumentException("encrypted openssh-key-v1");
    }
    r.readString("kdfoptions");
    if (r.readUint32("nkeys") != 1) {
      throw new IllegalArgumentException("not one key");
    }
    KeyData pub = KeyData.fromBlob(r.readString("public key"));
    SshWireReader p = r.readNested("private section", "openssh private section");
    if (p.readUint32("check1") != p.readUint32("check2")) {
      throw new IllegalArgumentException("checkints differ");
    }
    String type = p.readUtf8("type");
    PrivateKeyData key;
    if (type.equals("ssh-rsa")) {
      BigInteger n = p.readMpint("n", 16384);
      BigInteger e = p.readMpint("e", 16384);
      BigInteger d = p.readMpint("d", 16384);
      BigInteger iqmp = p.readMpint("iqmp", 16384);
      BigInteger pp = p.readMpint("p", 16384);
      BigInteger q = p.readMpint("q", 16384);
      key = RsaPrivateKeyData.of(n, e, d, pp, q, iqmp);
    } else if (type.equals("ssh-dss")) {
      BigInteger pp = p.readMpint("p", 16384);
      BigInteger q = p.readMpint("q", 16384);
      BigInteger g = p.readMpint("g", 16384);
      BigInteger y = p.readMpint("y", 16384);
      key = DsaPrivateKeyData.of(DsaKeyData.of(pp, q, g, y), p.readMpint("x", 16384));
    } else if (type.startsWith("ecdsa-sha2-")) {
      p.readString("curve");
      p.readString("Q");
      key = EcdsaPrivateKeyData.of((EcdsaKeyData) pub, p.readMpint("d", 1024));
    } else if (type.equals("ssh-ed25519")) {
      p.readString("public");
      byte[] seedAndPublic = p.readString("private");
      key = Ed25519PrivateKeyData.of((Ed25519KeyData) pub, Arrays.copyOf(seedAndPublic, 32));
    } else {
      throw new IllegalArgumentException("type " + type);
    }
    if (!key.publicKey().equals(pub)) {
      throw new IllegalArgumentException("public key differs from the private section's");
    }
    return SshPrivateKey.of(key, Comment.ofBytes(p.readString("comment")));
  }

  /**
   * The numbers {@code openssl pkey -text -noout} prints, by label: multi-line hex blocks
   * ({@code prime1:}, {@code priv:}) and one-line decimals ({@code publicExponent: 65537 (0x10001)}).
   */
  static Map<String, BigInteger> opensslNumbers(String text) {
    Map<String, BigInteger> out = new HashMap<>();
    String label = null;
    StringBuilder hex = new StringBuilder();
    for (String line : (text + "\nend:").split("\n")) {
      if (!line.startsWith(" ") && line.contains(":")) {
        if (label != null && hex.length() > 0) {
          out.put(label, new BigInteger(hex.toString(), 16));
        }
        hex.setLength(0);
        label = line.substring(0, line.indexOf(':'));
        String rest = line.substring(line.indexOf(':') + 1).trim();
        if (rest.matches("[0-9]+ \\(0x[0-9a-f]+\\)")) {
          out.put(label, new BigInteger(rest.substring(0, rest.indexOf(' '))));
          label = null;
        }
      } else if (label != null) {
        hex.append(line.trim().replace(":", ""));
      }
    }
    return out;
  }
}
