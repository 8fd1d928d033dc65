package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Ed25519PrivateKeyData;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.internal.Der;
import dev.keypair.formats.internal.PemBlocks;
import dev.keypair.testsupport.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Re-encryption changes only what is random; the decoder is total. Kept fast: RSA keys come from
 * {@link TestKeys#rsaPool()}, PBKDF2 runs a few iterations, and the totality properties run under limits
 * that keep any KDF a hostile input asks for cheap. The round trips of every format, key type and
 * protection are keypair-testkit's {@code PemPrivateRoundTripProperties}.
 */
class PemPrivateProperties {

  private static final KeyProtection NONE = KeyProtection.none(InsecureSecretAccess.get());

  /** Small KDF caps: an arbitrary input may ask for a KDF, and it must stay cheap. */
  private static final KeyPairLimits CHEAP_KDF = KeyPairLimits.builder().maxPbkdf2Iterations(2000)
      .maxKdfMemoryBytes(1 << 20).build();

  @Provide
  Arbitrary<SshPrivateKey> keys() {
    return TestKeys.privateKeys();
  }

  @Property(tries = 100)
  void reEncryptingChangesOnlySaltIvAndCiphertext(@ForAll("keys") SshPrivateKey key,
      @ForAll @IntRange(min = 1, max = 20) int iterations) {
    KeyProtection p = KeyProtection.passphrase(Passphrase.of("same".toCharArray())).withPbkdf2Iterations(iterations);
    byte[] a = der(PemPrivateKeys.encode(key, PrivateKeyFormat.PKCS8, p));
    byte[] b = der(PemPrivateKeys.encode(key, PrivateKeyFormat.PKCS8, p));
    assertThat(b).hasSameSizeAs(a);
    int[][] randomA = randomRanges(a);
    int[][] randomB = randomRanges(b);
    assertThat(randomB).isDeepEqualTo(randomA);
    for (int[] r : randomA) {
      // 16 random bytes (or more) are equal by chance with probability 2^-128
      assertThat(Arrays.copyOfRange(a, r[0], r[1])).isNotEqualTo(Arrays.copyOfRange(b, r[0], r[1]));
    }
    assertThat(masked(a, randomA)).isEqualTo(masked(b, randomB));

    if (!(key.keyData() instanceof Ed25519PrivateKeyData)) {
      String x = new String(PemPrivateKeys.encode(key, PrivateKeyFormat.PEM, p), StandardCharsets.US_ASCII);
      String y = new String(PemPrivateKeys.encode(key, PrivateKeyFormat.PEM, p), StandardCharsets.US_ASCII);
      String[] xl = x.split("\n");
      String[] yl = y.split("\n");
      assertThat(yl).hasSameSizeAs(xl);
      for (int i = 0; i < xl.length; i++) {
        if (xl[i].startsWith("DEK-Info: ")) {
          assertThat(yl[i]).isNotEqualTo(xl[i]).startsWith("DEK-Info: AES-256-CBC,").hasSameSizeAs(xl[i]);
        } else if (i < 3 || i == xl.length - 1) {
          assertThat(yl[i]).isEqualTo(xl[i]); // BEGIN, Proc-Type, the blank line, END
        } else {
          assertThat(yl[i]).hasSameSizeAs(xl[i]); // the ciphertext
        }
      }
    }
  }

  private static byte[] der(byte[] pem) {
    return PemBlocks.parseSingle(pem, KeyPairLimits.defaults(), "test").der();
  }

  /** The content ranges of the salt, the IV and the ciphertext in an EncryptedPrivateKeyInfo. */
  private static int[][] randomRanges(byte[] der) {
    Der.Reader epki = Der.reader(der, KeyPairLimits.defaults(), "test").sequence("epki");
    Der.Reader alg = epki.sequence("alg");
    alg.oid("pbes2");
    Der.Reader params = alg.sequence("params");
    Der.Reader kdf = params.sequence("kdf");
    kdf.oid("pbkdf2");
    Der.Reader kp = kdf.sequence("pbkdf2 params");
    int[] salt = content(kp, kp.octetString("salt").length);
    Der.Reader scheme = params.sequence("scheme");
    scheme.oid("aes");
    int[] iv = content(scheme, scheme.octetString("iv").length);
    int[] ciphertext = content(epki, epki.octetString("ciphertext").length);
    return new int[][] {salt, iv, ciphertext};
  }

  private static int[] content(Der.Reader after, int length) {
    return new int[] {after.offset() - length, after.offset()};
  }

  private static byte[] masked(byte[] der, int[][] ranges) {
    byte[] m = der.clone();
    for (int[] r : ranges) {
      Arrays.fill(m, r[0], r[1], (byte) 0);
    }
    return m;
  }

  // ---------------------------------------------------------------- totality

  @Property(tries = 2000)
  void decoderIsTotal(@ForAll("pemish") byte[] text, @ForAll boolean withPassphrase) {
    try {
      DecodedPrivateKey d = PemPrivateKeys.decode(text, withPassphrase ? Passphrase.of("pw".toCharArray()) : null,
          CHEAP_KDF);
      assertThat(d.requirePrivateKey().publicKey().keyData()).isEqualTo(d.publicKey().keyData());
    } catch (KeyPairException expected) {
      assertThat(expected.getMessage()).doesNotContain("\n");
    }
  }

  private static final List<String> LABELS = List.of("RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY",
      "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PUBLIC KEY", "OPENSSH PRIVATE KEY", "X");

  private static final List<String> OIDS = List.of("1.2.840.113549.1.1.1", "1.2.840.10045.2.1", "1.3.101.112",
      "1.2.840.10040.4.1", "1.2.840.10045.3.1.7", "1.3.132.0.34", "1.3.132.0.35", Pbes2.PBES2, Pbes2.PBKDF2,
      Pbes2.SCRYPT, Pbes2.HMAC_SHA256, "1.2.840.113549.2.7", PemCipher.AES_128_CBC.oid(), PemCipher.AES_256_CBC.oid(),
      PemCipher.DES_EDE3_CBC.oid(), "1.2.3");

  /** DER made of the pieces private keys are made of, in random shapes. */
  @Provide
  Arbitrary<byte[]> derish() {
    Arbitrary<byte[]> leaf = Arbitraries.oneOf(
        Arbitraries.of(OIDS).map(Der::oid),
        Arbitraries.bigIntegers().between(BigInteger.valueOf(-300), BigInteger.ONE.shiftLeft(600)).map(Der::integer),
        Arbitraries.integers().between(0, 3).map(i -> Der.integer(i)),
        Arbitraries.just(Der.nul()),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(70).map(Der::bitString),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(70).map(Der::octetString));
    Arbitrary<byte[]> seq1 = leaf.list().ofMaxSize(5).map(l -> Der.sequence(l.toArray(new byte[0][])));
    Arbitrary<byte[]> wrapped = Arbitraries.oneOf(leaf, seq1).list().ofMaxSize(4)
        .map(l -> Der.octetString(Der.sequence(l.toArray(new byte[0][]))));
    Arbitrary<byte[]> tagged = Combinators.combine(Arbitraries.of(0xa0, 0xa1, 0x81), Arbitraries.oneOf(leaf, seq1))
        .as((tag, content) -> Der.tlv(tag, content));
    Arbitrary<byte[]> seq2 = Arbitraries.oneOf(leaf, seq1, wrapped, tagged).list().ofMaxSize(6)
        .map(l -> Der.sequence(l.toArray(new byte[0][])));
    Arbitrary<byte[]> seq3 = Arbitraries.oneOf(seq1, seq2, wrapped).list().ofMaxSize(4)
        .map(l -> Der.sequence(l.toArray(new byte[0][])));
    return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(300), seq2, seq3);
  }

  /**
   * Real encodings of every form (passphrase {@code pw}), as they are or with one byte of their DER
   * changed, under their own label and headers: these get past the PEM and reach every check of the DER,
   * the decryption and the key values.
   */
  @Provide
  Arbitrary<byte[]> realPem() {
    Arbitrary<PemBlocks.Block> real = Combinators.combine(keys(),
        Arbitraries.of(PrivateKeyFormat.PEM, PrivateKeyFormat.PKCS8), Arbitraries.of(true, false)).as((k, f, enc) -> {
          KeyProtection p = enc ? KeyProtection.passphrase(Passphrase.of("pw".toCharArray())).withPbkdf2Iterations(3)
              : NONE;
          PrivateKeyFormat format = k.keyData() instanceof Ed25519PrivateKeyData ? PrivateKeyFormat.PKCS8 : f;
          return PemBlocks.parseSingle(PemPrivateKeys.encode(k, format, p), KeyPairLimits.defaults(), "t");
        });
    return Combinators.combine(real, Arbitraries.integers().between(-1, 100_000), Arbitraries.bytes())
        .as((block, at, v) -> {
          byte[] der = block.der().clone();
          if (at >= 0) {
            der[at % der.length] = v;
          }
          return PemBlocks.encode(block.label(), block.headers(), der).getBytes(StandardCharsets.US_ASCII);
        });
  }

  @Provide
  Arbitrary<byte[]> pemish() {
    Arbitrary<List<PemBlocks.Header>> headers = Arbitraries.oneOf(
        Arbitraries.just(List.of()),
        Combinators.combine(Arbitraries.of("AES-128-CBC", "AES-256-CBC", "DES-EDE3-CBC", "aes-192-cbc", "RC4", ""),
            Arbitraries.strings().withChars("0123456789ABCDEFx").ofMaxLength(40))
            .as((c, iv) -> List.of(new PemBlocks.Header("Proc-Type", "4,ENCRYPTED"),
                new PemBlocks.Header("DEK-Info", c + "," + iv))),
        Arbitraries.just(List.of(new PemBlocks.Header("Comment", "x"))));
    Arbitrary<byte[]> armored = Combinators.combine(Arbitraries.of(LABELS), headers, derish()).as((label, h, der) ->
            PemBlocks.encode(label, h, der.length == 0 ? new byte[] {0} : der).getBytes(StandardCharsets.US_ASCII));
    Arbitrary<byte[]> mangled = Combinators.combine(armored, Arbitraries.integers().between(0, 10_000),
        Arbitraries.bytes()).as((b, at, v) -> {
          byte[] c = b.clone();
          c[at % c.length] = v;
          return c;
        });
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<byte[]> pemChars = Arbitraries.strings().withChars("-BEGIN PRIVATEKY:,\nAaZz09+/=").ofMaxLength(300)
        .map(s -> s.getBytes(StandardCharsets.US_ASCII));
    return Arbitraries.oneOf(armored, realPem(), realPem(), mangled, raw, pemChars);
  }
}
