package dev.keypair.formats;

import static dev.keypair.formats.Hostile.assertFailsWithin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * HOSTILE 9 for every text entry point at once: each decoder, given a fixture of its format, refuses an
 * input over {@link KeyPairLimits#maxInputBytes()} and a line over {@link KeyPairLimits#maxLineBytes()}
 * with {@link ErrorCode#INPUT_TOO_LARGE} before decoding (within the budget, however large the input),
 * reads the fixture with CRLF and with mixed line ends as the same key, and refuses an embedded NUL with
 * {@link ErrorCode#FORMAT} (or {@link ErrorCode#UNRECOGNIZED_FORMAT} from private key detection, for a
 * NUL in the first line).
 */
class DecodersHostileTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  private static final Duration BUDGET = Duration.ofMillis(100);

  /** A decoder under test: what it reads a fixture as, the key. */
  record Entry(String name, byte[] fixture, BiFunction<byte[], KeyPairLimits, KeyData> decode) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static byte[] pemPrivate(String name) {
    return PemPrivateFixtures.bytes(name);
  }

  private static KeyData privateKey(DecodedPrivateKey d) {
    return d.requirePrivateKey().publicKey().keyData();
  }

  private static final Passphrase NONE = null;

  static final List<Entry> ENTRIES = List.of(
      new Entry("OpenSSH public key", Fixtures.bytes("rsa2048.pub"),
          (b, l) -> OpenSshPublicKeys.parse(b, l).keyData()),
      new Entry("authorized_keys entry", Fixtures.bytes("ecdsa256.pub"),
          (b, l) -> AuthorizedKeys.parseEntry(b, l).key().keyData()),
      new Entry("RFC 4716", Fixtures.bytes("ed25519.rfc4716"), (b, l) -> Rfc4716.parse(b, l).key().keyData()),
      new Entry("PEM SubjectPublicKeyInfo", Fixtures.bytes("ecdsa384.pkcs8.pem"),
          (b, l) -> PemPublicKeys.parse(b, l).keyData()),
      new Entry("PEM PKCS#1 public", Fixtures.bytes("rsa2048.pkcs1.pem"), (b, l) -> PemPublicKeys.parse(b, l).keyData()),
      new Entry("base64 DER", Fixtures.bytes("rsa1024.der.b64"), (b, l) -> DerBase64.parse(b, l).keyData()),
      new Entry("any public key", Fixtures.bytes("ed25519.pub"), (b, l) -> PublicKeys.decode(b, l).key().keyData()),
      new Entry("openssh-key-v1", OpenSshPrivateKeysTest.fixture("ecdsa256.key"),
          (b, l) -> privateKey(OpenSshPrivateKeys.decode(b, NONE, l))),
      new Entry("PKCS#1", pemPrivate("rsa1024.pkcs1.pem"), (b, l) -> privateKey(PemPrivateKeys.decode(b, NONE, l))),
      new Entry("PKCS#8", pemPrivate("ed25519.pkcs8.pem"), (b, l) -> privateKey(PemPrivateKeys.decode(b, NONE, l))),
      new Entry("SEC1", pemPrivate("ec256.sec1.pem"), (b, l) -> privateKey(PemPrivateKeys.decode(b, NONE, l))),
      new Entry("PPK v2", PpkFixtures.bytes("ecdsa256_v2.ppk"), (b, l) -> privateKey(PuttyPrivateKeys.decode(b, NONE, l))),
      new Entry("PPK v3", PpkFixtures.bytes("ed25519_v3.ppk"), (b, l) -> privateKey(PuttyPrivateKeys.decode(b, NONE, l))),
      new Entry("any private key", PpkFixtures.bytes("rsa2048_v3.ppk"),
          (b, l) -> privateKey(PrivateKeys.decode(b, NONE, l))));

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] cat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] spaces(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) ' ');
    return b;
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ENTRIES")
  void hostile09InputOverTheCapIsRefusedBeforeDecoding(Entry e) {
    KeyData expected = e.decode().apply(e.fixture(), LIMITS);
    // the fixture, then blank lines up to one byte over the cap: nothing wrong but the size
    byte[] blankLines = new byte[LIMITS.maxInputBytes() + 1 - e.fixture().length];
    Arrays.fill(blankLines, (byte) '\n');
    byte[] big = cat(e.fixture(), blankLines);
    assertFailsWithin(BUDGET, ErrorCode.INPUT_TOO_LARGE, () -> e.decode().apply(big, LIMITS));
    // the cap is the one of the limits given
    KeyPairLimits small = KeyPairLimits.builder().maxInputBytes(e.fixture().length - 1).build();
    assertFailsWithin(BUDGET, ErrorCode.INPUT_TOO_LARGE, () -> e.decode().apply(e.fixture(), small));
    assertThat(e.decode().apply(e.fixture(), KeyPairLimits.builder().maxInputBytes(e.fixture().length).build()))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ENTRIES")
  void hostile09LineOverTheCapIsRefusedBeforeDecoding(Entry e) {
    // spaces at the end of the first line: where a line's content may end in every format, but too many
    int firstEnd = indexOf(e.fixture(), (byte) '\n');
    byte[] longLine = cat(cat(Arrays.copyOf(e.fixture(), firstEnd), spaces(LIMITS.maxLineBytes() + 1 - firstEnd)),
        Arrays.copyOfRange(e.fixture(), firstEnd, e.fixture().length));
    assertFailsWithin(BUDGET, ErrorCode.INPUT_TOO_LARGE, () -> e.decode().apply(longLine, LIMITS));
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ENTRIES")
  void hostile09CrlfAndMixedLineEndsParse(Entry e) {
    KeyData expected = e.decode().apply(e.fixture(), LIMITS);
    String text = new String(e.fixture(), StandardCharsets.ISO_8859_1);
    byte[] crlf = text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(e.decode().apply(crlf, LIMITS)).isEqualTo(expected);
    StringBuilder mixed = new StringBuilder();
    int line = 0;
    for (char c : text.toCharArray()) {
      mixed.append(c == '\n' && line++ % 2 == 0 ? "\r\n" : String.valueOf(c));
    }
    assertThat(e.decode().apply(mixed.toString().getBytes(StandardCharsets.ISO_8859_1), LIMITS)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ENTRIES")
  void hostile09EmbeddedNulIsRefused(Entry e) {
    byte[] f = e.fixture();
    int firstEnd = indexOf(f, (byte) '\n');
    for (int at : new int[] {0, firstEnd / 2, firstEnd, f.length / 2, f.length - 1}) {
      byte[] withNul = cat(cat(Arrays.copyOf(f, at), new byte[1]), Arrays.copyOfRange(f, at, f.length));
      // a NUL in its first line makes a file no private key file at all to PrivateKeys' detection
      ErrorCode code = at < firstEnd && e.name().equals("any private key") ? ErrorCode.UNRECOGNIZED_FORMAT
          : ErrorCode.FORMAT;
      assertFailsWithin(BUDGET, code, () -> e.decode().apply(withNul, LIMITS));
    }
  }

  private static int indexOf(byte[] b, byte v) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return b.length;
  }
}
