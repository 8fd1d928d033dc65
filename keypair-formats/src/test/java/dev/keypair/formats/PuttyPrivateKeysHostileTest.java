package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import dev.keypair.core.EcCurve;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.RsaPrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.KeyProtection.Argon2Variant;
import dev.keypair.testsupport.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PPK cases of ../shared/HOSTILE.md (1, 2, 16 to 20, 22, 25), each a named test. Malformed files with
 * a valid MAC are built with the writer's lower layer ({@link PuttyPrivateKeys#assemble}); the others by editing
 * the text of a puttygen fixture. Budgets are measured on a second call (see {@link Hostile}).
 */
class PuttyPrivateKeysHostileTest {

  private static final KeyProtection NONE = KeyProtection.none(InsecureSecretAccess.get());
  private static final Duration FAST = Duration.ofMillis(100);
  private static final Duration CAP_BUDGET = Duration.ofMillis(50);
  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();

  private static KeyProtection smallArgon2() {
    return KeyProtection.passphrase(PpkFixtures.passphrase()).withArgon2(Argon2Variant.ARGON2ID, 64, 1, 1);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static DecodedPrivateKey decode(byte[] file) {
    return PuttyPrivateKeys.decode(file, PpkFixtures.passphrase(), LIMITS);
  }

  private static DecodedPrivateKey decode(String file) {
    return decode(ascii(file));
  }

  /** The fixture with the line starting {@code prefix} replaced by {@code line}. */
  private static String withLine(String fixture, String prefix, String line) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(prefix) + ".*$").matcher(PpkFixtures.text(fixture));
    assertThat(m.find()).as("%s has a line %s", fixture, prefix).isTrue();
    return m.replaceFirst(Matcher.quoteReplacement(line));
  }

  private static byte[] ed25519Blob() {
    return TestKeys.ed25519Private(5).keyData().publicKey().blob().toByteArray();
  }

  /** An unencrypted (or encrypted) file with a valid MAC around any blobs. */
  private static byte[] assemble(int version, String algorithm, byte[] pub, byte[] priv, KeyProtection p) {
    return PuttyPrivateKeys.assemble(version, algorithm, ascii("hostile"), pub, priv, p, null);
  }

  private static byte[] u32(long v, byte[] rest) {
    byte[] out = Arrays.copyOf(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v},
        4 + rest.length);
    System.arraycopy(rest, 0, out, 4, rest.length);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    byte[] out = new byte[0];
    for (byte[] p : parts) {
      int at = out.length;
      out = Arrays.copyOf(out, at + p.length);
      System.arraycopy(p, 0, out, at, p.length);
    }
    return out;
  }

  private static byte[] string(byte[] b) {
    return u32(b.length, b);
  }

  private static byte[] mpint(BigInteger v) {
    return string(v.toByteArray());
  }

  // ---------------------------------------------------------------- 1, 2: lengths

  @ParameterizedTest(name = "length {0}")
  @ValueSource(longs = {0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL})
  void hostile01and02_hugeLengthInThePublicBlob(long length) {
    byte[] pub = concat(string(ascii("ssh-ed25519")), u32(length, new byte[10]));
    byte[] file = assemble(3, "ssh-ed25519", pub, new byte[36], NONE);
    Hostile.assertFailsWithin(Duration.ofMillis(10), ErrorCode.FORMAT, () -> decode(file));
    Hostile.assertFailsWithoutLargeAllocation(ErrorCode.FORMAT, () -> decode(file));
  }

  @ParameterizedTest(name = "length {0}")
  @ValueSource(longs = {0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL})
  void hostile01and02_hugeLengthInThePrivateBlob(long length) {
    byte[] priv = u32(length, new byte[10]);
    for (KeyProtection p : new KeyProtection[] {NONE, smallArgon2()}) {
      // 10 ms to parse; an encrypted file runs its (small) KDF and the MAC first
      Duration budget = p.isEncrypted() ? FAST : Duration.ofMillis(10);
      byte[] ed = assemble(3, "ssh-ed25519", ed25519Blob(), priv, p);
      Hostile.assertFailsWithin(budget, ErrorCode.FORMAT, () -> decode(ed));
      Hostile.assertFailsWithoutLargeAllocation(ErrorCode.FORMAT, () -> decode(ed));
      SshPrivateKey rsa = SshPrivateKey.of(TestKeys.rsaPool().get(0));
      byte[] rsaFile = assemble(2, "ssh-rsa", rsa.keyData().publicKey().blob().toByteArray(), priv, p);
      Hostile.assertFailsWithin(budget, ErrorCode.FORMAT, () -> decode(rsaFile));
    }
  }

  // ---------------------------------------------------------------- 16: passphrases

  @Test
  void hostile16_encryptedWithoutPassphraseIsLockedAndRunsNoKdf() {
    // costs at the caps: a KDF run would take seconds (or the whole heap)
    String costly = withLine("rsa2048_v3_enc.ppk", "Argon2-Memory: ", "Argon2-Memory: 262144")
        .replace("Argon2-Passes: 1", "Argon2-Passes: 8"); // at the work cap: seconds of Argon2, were it run
    long start = System.nanoTime();
    DecodedPrivateKey d = PuttyPrivateKeys.decode(ascii(costly), null, LIMITS);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST.multipliedBy(Hostile.SLACK));
    assertThat(d.privateKey()).isEmpty();
    assertThat(d.publicKey()).isEqualTo(PpkFixtures.publicKey("rsa2048"));
    assertThat(d.encryption()).contains("aes256-cbc/Argon2id/262144/8/1");
  }

  @Test
  void hostile16_emptyPassphraseIsPassphraseRequiredWithoutKdf() {
    String costly = withLine("rsa2048_v3_enc.ppk", "Argon2-Memory: ", "Argon2-Memory: 262144")
        .replace("Argon2-Passes: 1", "Argon2-Passes: 8"); // at the work cap: seconds of Argon2, were it run
    Hostile.assertFailsWithin(FAST, ErrorCode.PASSPHRASE_REQUIRED,
        () -> PuttyPrivateKeys.decode(ascii(costly), Passphrase.empty(), LIMITS));
    Hostile.assertFailsWithin(FAST, ErrorCode.PASSPHRASE_REQUIRED,
        () -> PuttyPrivateKeys.decode(PpkFixtures.bytes("rsa2048_v2_enc.ppk"), Passphrase.empty(), LIMITS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa2048_v3_enc.ppk", "rsa2048_v2_enc.ppk", "ed25519_v3_argon2d.ppk"})
  void hostile16_wrongPassphrase(String file) {
    Hostile.assertFails(ErrorCode.WRONG_PASSPHRASE,
        () -> PuttyPrivateKeys.decode(PpkFixtures.bytes(file), Passphrase.of("correct horse battery stapler".toCharArray())));
  }

  // ---------------------------------------------------------------- 17: Argon2 caps

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"Argon2-Memory: 4294967295", "Argon2-Memory: 2147483648", "Argon2-Memory: 0",
      "Argon2-Memory: 262145", "Argon2-Memory: 99999999999999999999999", "Argon2-Passes: 2147483648",
      "Argon2-Passes: 0", "Argon2-Passes: 257", "Argon2-Parallelism: 0", "Argon2-Parallelism: 16777216",
      "Argon2-Parallelism: 17"})
  void hostile17_argon2OverTheCapsBeforeAnyAllocation(String line) {
    String file = withLine("ed25519_v3_enc.ppk", line.substring(0, line.indexOf(' ') + 1), line);
    KeyPairException e = Hostile.assertFailsWithin(CAP_BUDGET, ErrorCode.RESOURCE_LIMIT, () -> decode(file));
    assertThat(e.getMessage()).contains(line.substring(0, line.indexOf(':')));
    // refused whether or not a passphrase is given
    Hostile.assertFailsWithin(CAP_BUDGET, ErrorCode.RESOURCE_LIMIT, () -> PuttyPrivateKeys.decode(ascii(file), null, LIMITS));
  }

  @Test
  void hostile17_capsComeFromTheLimits() {
    String file = withLine("ed25519_v3_enc.ppk", "Argon2-Memory: ", "Argon2-Memory: 128");
    KeyPairLimits tight = KeyPairLimits.builder().maxKdfMemoryBytes(64 * 1024).build();
    Hostile.assertFails(ErrorCode.RESOURCE_LIMIT, () -> PuttyPrivateKeys.decode(ascii(file), PpkFixtures.passphrase(), tight));
    KeyPairLimits fewPasses = KeyPairLimits.builder().maxArgon2Passes(2).build();
    Hostile.assertFails(ErrorCode.RESOURCE_LIMIT, () -> PuttyPrivateKeys.decode(
        ascii(withLine("ed25519_v3_enc.ppk", "Argon2-Passes: ", "Argon2-Passes: 3")), PpkFixtures.passphrase(),
        fewPasses));
    // the memory cap (256 MiB) is within the limits, but not within this -Xmx256m heap: a typed error
    // before anything is allocated, not an OutOfMemoryError
    String atCap = withLine("ed25519_v3_enc.ppk", "Argon2-Memory: ", "Argon2-Memory: 262144")
        .replaceAll("Argon2-Passes: [0-9]+", "Argon2-Passes: 1");
    assertThat(Runtime.getRuntime().maxMemory()).as("the test heap").isLessThanOrEqualTo(256L << 20);
    KeyPairException e = Hostile.assertFailsWithin(CAP_BUDGET, ErrorCode.RESOURCE_LIMIT, () -> decode(atCap));
    assertThat(e.getMessage()).contains("heap");
  }

  /** Memory and passes each within their caps, their product (the work) over its cap: refused before the KDF. */
  @Test
  void hostile17_argon2WorkIsCappedAsAProduct() {
    String file = withLine("ed25519_v3_enc.ppk", "Argon2-Memory: ", "Argon2-Memory: 131072")
        .replaceAll("Argon2-Passes: [0-9]+", "Argon2-Passes: 200");
    KeyPairException e = Hostile.assertFailsWithin(CAP_BUDGET, ErrorCode.RESOURCE_LIMIT, () -> decode(file));
    assertThat(e.getMessage()).startsWith("Argon2 work (Argon2-Memory KiB x Argon2-Passes) is 26214400")
        .endsWith("accepted: 1 to 2097152 (see KeyPairLimits)");
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"Argon2-Memory: 15", "Argon2-Memory: 8"})
  void argon2MemoryUnderEightKiBPerLaneIsMalformed(String line) {
    String file = withLine("ed25519_v3_enc.ppk", "Argon2-Memory: ", line).replace("Argon2-Parallelism: 1",
        "Argon2-Parallelism: 2");
    Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT, () -> decode(file));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"Argon2-Salt: 0011223344556677889", "Argon2-Salt: 00112233445566", "Argon2-Salt: ",
      "Argon2-Salt: 0011223344556677889g", "Argon2-Salt:  00112233445566778899"})
  void malformedSalt(String line) {
    Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT, () -> decode(withLine("ed25519_v3_enc.ppk", "Argon2-Salt: ", line)));
  }

  /** A salt over {@link KeyPairLimits#maxKdfSaltBytes()} is refused before the KDF; the cap is the limits'. */
  @Test
  void saltOverTheCapIsRefusedBeforeTheKdf() {
    String salt65 = "Argon2-Salt: " + "ab".repeat(65);
    assertThat(Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT,
        () -> decode(withLine("ed25519_v3_enc.ppk", "Argon2-Salt: ", salt65))).getMessage())
        .contains("65 bytes, over the limit of 64");
    String file = PpkFixtures.text("ed25519_v3_enc.ppk");
    KeyPairLimits fifteen = KeyPairLimits.builder().maxKdfSaltBytes(15).build();
    Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT,
        () -> PuttyPrivateKeys.decode(ascii(file), PpkFixtures.passphrase(), fifteen));
  }

  @Test
  void uppercaseSaltIsRead() {
    String file = PpkFixtures.text("ed25519_v3_enc.ppk");
    String salt = file.substring(file.indexOf("Argon2-Salt: ") + 13, file.indexOf("Argon2-Salt: ") + 45);
    assertThat(decode(file.replace(salt, salt.toUpperCase())).isUnlocked()).isTrue();
  }

  // ---------------------------------------------------------------- 18: the MAC

  @ParameterizedTest
  @ValueSource(strings = {"ed25519_v3.ppk", "ed25519_v2.ppk", "rsa2048_v3.ppk", "ecdsa521_v2.ppk"})
  void hostile18_anyMacDigitChangedUnencryptedIsCorrupt(String fixture) {
    forEachMacDigitChange(fixture, ErrorCode.CORRUPT_KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519_v3_enc.ppk", "ed25519_v2_enc.ppk", "rsa2048_v3_enc.ppk", "ecdsa256_v2_enc.ppk"})
  void hostile18_anyMacDigitChangedEncryptedIsWrongPassphrase(String fixture) {
    forEachMacDigitChange(fixture, ErrorCode.WRONG_PASSPHRASE);
  }

  private static void forEachMacDigitChange(String fixture, ErrorCode code) {
    String text = PpkFixtures.text(fixture);
    int at = text.indexOf("Private-MAC: ") + "Private-MAC: ".length();
    int end = text.indexOf('\n', at);
    for (int i = at; i < end; i++) {
      char c = text.charAt(i);
      char other = c == 'f' ? '0' : Character.forDigit(Character.digit(c, 16) + 1, 16);
      String changed = text.substring(0, i) + other + text.substring(i + 1);
      Hostile.assertFails(code, () -> decode(changed));
    }
    Hostile.assertFails(ErrorCode.FORMAT, () -> decode(text.substring(0, at) + text.substring(at, end).toUpperCase()
        + text.substring(end)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ecdsa256_v3.ppk", "ecdsa256_v2.ppk", "ecdsa256_v3_enc.ppk", "ecdsa256_v2_enc.ppk"})
  void hostile18_changedCommentFailsTheMac(String fixture) {
    ErrorCode code = fixture.contains("_enc") ? ErrorCode.WRONG_PASSPHRASE : ErrorCode.CORRUPT_KEY;
    Hostile.assertFails(code, () -> decode(withLine(fixture, "Comment: ", "Comment: ecdsa256 fixturf")));
    Hostile.assertFails(code, () -> decode(withLine(fixture, "Comment: ", "Comment: ecdsa256 fixture ")));
    byte[] edited = ascii(withLine(fixture, "Comment: ", "Comment: x"));
    if (fixture.contains("_enc")) {
      // without the passphrase there is no MAC key: a locked read gives the comment as it stands
      assertThat(PuttyPrivateKeys.decode(edited, null, LIMITS).publicKey().comment()).isEqualTo(Comment.of("x"));
    } else {
      Hostile.assertFails(ErrorCode.CORRUPT_KEY, () -> PuttyPrivateKeys.decode(edited, null, LIMITS));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ecdsa256_v3.ppk", "ecdsa256_v2.ppk", "ecdsa256_v3_enc.ppk", "ecdsa256_v2_enc.ppk"})
  void hostile18_otherPublicKeyFailsTheMac(String fixture) {
    ErrorCode code = fixture.contains("_enc") ? ErrorCode.WRONG_PASSPHRASE : ErrorCode.CORRUPT_KEY;
    String other = publicLines(TestKeys.ecdsaPrivate(EcCurve.NISTP256, 9).keyData().publicKey().blob().toByteArray());
    String text = PpkFixtures.text(fixture);
    String changed = text.replaceAll("(?s)Public-Lines: .*?(?=Key-Derivation|Private-Lines)", Matcher.quoteReplacement(other));
    assertThat(changed).isNotEqualTo(text);
    Hostile.assertFails(code, () -> decode(changed));
  }

  private static String publicLines(byte[] blob) {
    String b64 = Base64.getEncoder().encodeToString(blob);
    StringBuilder s = new StringBuilder("Public-Lines: " + (b64.length() + 63) / 64 + "\n");
    for (int i = 0; i < b64.length(); i += 64) {
      s.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
    }
    return s.toString();
  }

  /** The private blob is not read before the MAC passes: an unparseable blob behind a bad MAC is a MAC failure. */
  @Test
  void hostile18_privateBlobNeverParsedBeforeTheMac() {
    byte[] priv = u32(0x7FFFFFFFL, new byte[10]);
    for (KeyProtection p : new KeyProtection[] {NONE, smallArgon2()}) {
      String text = new String(assemble(3, "ssh-ed25519", ed25519Blob(), priv, p), StandardCharsets.ISO_8859_1);
      Hostile.assertFails(ErrorCode.FORMAT, () -> decode(text)); // with its MAC intact the blob is read, and refused
      int at = text.indexOf("Private-MAC: ") + 13;
      String badMac = text.substring(0, at) + (text.charAt(at) == '0' ? '1' : '0') + text.substring(at + 1);
      Hostile.assertFails(p.isEncrypted() ? ErrorCode.WRONG_PASSPHRASE : ErrorCode.CORRUPT_KEY, () -> decode(badMac));
    }
  }

  // ---------------------------------------------------------------- 19: line counts

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"-1", "99999999", "+5", " 5", "5x", "0", "05", "", "9999999999999999999999", "7", "1.0"})
  void hostile19_publicLinesNotAPlainCountOfTheLinesThere(String value) {
    // ed25519_v3.ppk has 2 public lines, then 1 + 1 + 1 more lines: 7 is more than the file has
    Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT,
        () -> decode(withLine("ed25519_v3.ppk", "Public-Lines: ", "Public-Lines: " + value)));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"-1", "99999999", "+5", " 5", "5x", "0", "05", "", "2"})
  void hostile19_privateLinesNotAPlainCountOfTheLinesThere(String value) {
    Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT,
        () -> decode(withLine("ed25519_v3.ppk", "Private-Lines: ", "Private-Lines: " + value)));
    Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT,
        () -> decode(withLine("ed25519_v2_enc.ppk", "Private-Lines: ", "Private-Lines: " + value)));
  }

  @Test
  void hostile19_countsLargerThanTheFileAfterTruncation() {
    String text = PpkFixtures.text("rsa4096_v3.ppk");
    String cut = text.substring(0, text.indexOf("Private-Lines: ") + 40);
    Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT, () -> decode(cut));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"AAAA=AAA", "AAA", "AAAAA", "AA AA", "AAA*", ""})
  void base64LinesAsPuttyReadsThem(String badLine) {
    String text = PpkFixtures.text("ed25519_v3.ppk");
    String[] lines = text.split("\n");
    lines[5] = badLine; // the second public line
    Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT, () -> decode(String.join("\n", lines) + "\n"));
  }

  @Test
  void base64LineOfSixtyEightCharacters() {
    String text = PpkFixtures.text("ed25519_v3.ppk");
    String[] lines = text.split("\n");
    String joined = lines[4] + lines[5];
    String file = text.replace(lines[4] + "\n" + lines[5] + "\n", joined + "\n").replace("Public-Lines: 2", "Public-Lines: 1");
    Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT, () -> decode(file));
  }

  // ---------------------------------------------------------------- 20: versions, headers, algorithms

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"PuTTY-User-Key-File-1: ssh-ed25519", "PuTTY-User-Key-File-4: ssh-ed25519",
      "PuTTY-User-Key-File-0: ssh-ed25519", "PuTTY-User-Key-File-30: ssh-ed25519"})
  void hostile20_unknownVersions(String line) {
    Hostile.assertFailsWithin(FAST, ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> decode(withLine("ed25519_v3.ppk", "PuTTY-User-Key-File-3: ", line)));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"PuTTY-User-Key-File-x: ssh-ed25519", "PuTTY-User-Key-File-3:ssh-ed25519",
      "PuTTY-User-Key-File-3: ", "PuTTY-User-Key-File-3: ssh ed25519", "PuTTY-User-Key-File-: ssh-ed25519",
      "SSH PRIVATE KEY FILE FORMAT 1.1", "-----BEGIN OPENSSH PRIVATE KEY-----", "putty-user-key-file-3: ssh-ed25519"})
  void notAPpkFirstLine(String line) {
    Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT,
        () -> decode(withLine("ed25519_v3.ppk", "PuTTY-User-Key-File-3: ", line)));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"scrypt", "argon2id", "Argon2", "Argon2x", ""})
  void hostile20_unknownKeyDerivation(String kdf) {
    Hostile.assertFailsWithin(FAST, ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> decode(withLine("ed25519_v3_enc.ppk", "Key-Derivation: ", "Key-Derivation: " + kdf)));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"aes128-cbc", "aes256-ctr", "3des-cbc", "AES256-CBC", ""})
  void hostile20_unknownEncryption(String enc) {
    Hostile.assertFailsWithin(FAST, ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> decode(withLine("ed25519_v2_enc.ppk", "Encryption: ", "Encryption: " + enc)));
  }

  @Test
  void hostile20_reorderedHeaders() {
    String v3 = PpkFixtures.text("ed25519_v3_enc.ppk");
    String[] lines = v3.split("\n", -1);
    // swap each pair of adjacent header lines (index of a header line -> the next header line)
    int[] headers = {1, 2, 3};
    for (int h : headers) {
      String[] swapped = lines.clone();
      swapped[h] = lines[h + 1];
      swapped[h + 1] = lines[h];
      Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT, () -> decode(String.join("\n", swapped)));
    }
    for (String[] pair : new String[][] {{"Key-Derivation", "Argon2-Memory"}, {"Argon2-Memory", "Argon2-Passes"},
        {"Argon2-Passes", "Argon2-Parallelism"}, {"Argon2-Parallelism", "Argon2-Salt"}}) {
      String a = line(v3, pair[0]);
      String b = line(v3, pair[1]);
      String swapped = v3.replace(a + "\n" + b + "\n", b + "\n" + a + "\n");
      assertThat(swapped).isNotEqualTo(v3);
      Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT, () -> decode(swapped));
    }
    // the Argon2 block after the private lines, or in a version 2 or unencrypted file
    String kdf = v3.substring(v3.indexOf("Key-Derivation: "), v3.indexOf("Private-Lines: "));
    String moved = v3.replace(kdf, "");
    String after = moved.replace("Private-MAC: ", kdf + "Private-MAC: ");
    Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT, () -> decode(after));
    String v2 = PpkFixtures.text("ed25519_v2_enc.ppk");
    Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT, () -> decode(v2.replace("Private-Lines: ", kdf + "Private-Lines: ")));
    String plain = PpkFixtures.text("ed25519_v3.ppk");
    Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT, () -> decode(plain.replace("Private-Lines: ", kdf + "Private-Lines: ")));
  }

  private static String line(String text, String header) {
    int at = text.indexOf(header + ": ");
    return text.substring(at, text.indexOf('\n', at));
  }

  @ParameterizedTest(name = "without {0}")
  @ValueSource(strings = {"Encryption", "Comment", "Public-Lines", "Key-Derivation", "Argon2-Memory", "Argon2-Passes",
      "Argon2-Parallelism", "Argon2-Salt", "Private-Lines", "Private-MAC"})
  void hostile20_missingHeader(String header) {
    String text = PpkFixtures.text("ed25519_v3_enc.ppk");
    String without = text.replace(line(text, header) + "\n", "");
    Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT, () -> decode(without));
  }

  @Test
  void hostile20_headerAlgorithmIsNotTheBlobs() {
    // edited text: caught before the MAC, which the edit also breaks
    for (String fixture : new String[] {"ed25519_v3.ppk", "ed25519_v2_enc.ppk", "ed25519_v3_enc.ppk"}) {
      Hostile.assertFailsWithin(FAST, ErrorCode.TYPE_MISMATCH, () -> decode(withLine(fixture,
          "PuTTY-User-Key-File-", fixture.contains("_v2") ? "PuTTY-User-Key-File-2: ssh-rsa" : "PuTTY-User-Key-File-3: ssh-rsa")));
    }
    // a file made that way, MAC and all
    byte[] p256 = TestKeys.ecdsaPrivate(EcCurve.NISTP256, 3).keyData().publicKey().blob().toByteArray();
    Hostile.assertFails(ErrorCode.TYPE_MISMATCH, () -> decode(assemble(3, "ecdsa-sha2-nistp384", p256, new byte[37], NONE)));
    Hostile.assertFails(ErrorCode.TYPE_MISMATCH, () -> decode(assemble(2, "ssh-ed25519", p256, new byte[37], NONE)));
  }

  @Test
  void encryptedBlobNotAWholeNumberOfBlocks() {
    // an unencrypted version 2 file claiming aes256-cbc: its 36-byte ed25519 blob is no multiple of 16
    String text = PpkFixtures.text("ed25519_v2.ppk").replace("Encryption: none", "Encryption: aes256-cbc");
    Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT, () -> decode(text));
  }

  @Test
  void paddingRules() {
    byte[] pub = ed25519Blob();
    SshPrivateKey key = TestKeys.ed25519Private(5);
    byte[] seed = ((dev.keypair.core.Ed25519PrivateKeyData) key.keyData()).seed(InsecureSecretAccess.get());
    byte[] blob = string(seed);
    assertThat(decode(assemble(3, "ssh-ed25519", pub, blob, smallArgon2())).requirePrivateKey().sameKey(key)).isTrue();
    // encrypted: 12 bytes of padding are added to the 36; 16 more bytes are more than padding (the MAC passed:
    // a damaged or crafted file, as OpenSSH's bad padding)
    Hostile.assertFails(ErrorCode.CORRUPT_KEY, () -> decode(assemble(3, "ssh-ed25519", pub, concat(blob, new byte[16]),
        smallArgon2())));
    assertThat(decode(assemble(2, "ssh-ed25519", pub, concat(blob, new byte[11]), smallArgon2())).isUnlocked()).isTrue();
    // unencrypted: no padding at all
    Hostile.assertFails(ErrorCode.CORRUPT_KEY, () -> decode(assemble(3, "ssh-ed25519", pub, concat(blob, new byte[1]), NONE)));
  }

  @Test
  void notPpkAtAll() {
    for (String s : new String[] {"", "\n", "PuTTY", "ssh-ed25519 AAAA", "\0\0\0"}) {
      Hostile.assertFailsWithin(FAST, ErrorCode.FORMAT, () -> decode(s));
    }
    Hostile.assertFails(ErrorCode.INPUT_TOO_LARGE, () -> decode(new byte[(1 << 20) + 1]));
  }

  // ---------------------------------------------------------------- 22: RSA private values

  private static final SshPrivateKey RSA = SshPrivateKey.of(TestKeys.rsaPool().get(1));
  private static final RsaPrivateKeyData RSA_DATA = (RsaPrivateKeyData) RSA.keyData();
  private static final BigInteger D = RSA_DATA.privateExponent(InsecureSecretAccess.get());
  private static final BigInteger P = RSA_DATA.primeP(InsecureSecretAccess.get());
  private static final BigInteger Q = RSA_DATA.primeQ(InsecureSecretAccess.get());
  private static final BigInteger IQMP = RSA_DATA.crtCoefficient(InsecureSecretAccess.get());

  private static byte[] rsaFile(BigInteger d, BigInteger p, BigInteger q, BigInteger iqmp) {
    return assemble(3, "ssh-rsa", RSA.keyData().publicKey().blob().toByteArray(),
        concat(mpint(d), mpint(p), mpint(q), mpint(iqmp)), NONE);
  }

  @Test
  void hostile22_rsaPrivateValuesThatDoNotMakeTheKey() {
    assertThat(decode(rsaFile(D, P, Q, IQMP)).requirePrivateKey().sameKey(RSA)).isTrue();
    Hostile.assertFailsWithin(FAST, ErrorCode.INVALID_VALUE, () -> decode(rsaFile(D, P.add(BigInteger.TWO), Q, IQMP)));
    Hostile.assertFailsWithin(FAST, ErrorCode.INVALID_VALUE, () -> decode(rsaFile(D, P, Q.add(BigInteger.TWO), IQMP)));
    Hostile.assertFailsWithin(FAST, ErrorCode.INVALID_VALUE, () -> decode(rsaFile(D.add(BigInteger.TWO), P, Q, IQMP)));
    Hostile.assertFailsWithin(FAST, ErrorCode.INVALID_VALUE, () -> decode(rsaFile(D, P, Q, IQMP.add(BigInteger.ONE))));
    Hostile.assertFailsWithin(FAST, ErrorCode.INVALID_VALUE, () -> decode(rsaFile(D, Q, P, IQMP)));
    BigInteger huge = BigInteger.ONE.shiftLeft(8200).add(BigInteger.ONE);
    Hostile.assertFailsWithin(FAST, ErrorCode.INVALID_VALUE, () -> decode(rsaFile(D, huge, Q, IQMP)));
    Hostile.assertFailsWithin(FAST, ErrorCode.KEY_TOO_LARGE, () -> decode(rsaFile(D, P, Q, BigInteger.ONE.shiftLeft(20000))));
  }

  /** Swapped primes with the matching iqmp are the same RSA key pair, and read as written. */
  @Test
  void rsaPrimesInEitherOrder() {
    RsaPrivateKeyData swapped = (RsaPrivateKeyData) decode(rsaFile(D, Q, P, P.modInverse(Q)))
        .requirePrivateKey().keyData();
    assertThat(swapped.primeP(InsecureSecretAccess.get())).isEqualTo(Q);
    assertThat(swapped.primeQ(InsecureSecretAccess.get())).isEqualTo(P);
  }

  @Test
  void ecdsaAndDsaPrivateValuesThatDoNotMakeTheKey() {
    SshPrivateKey ec = TestKeys.ecdsaPrivate(EcCurve.NISTP384, 4);
    byte[] pub = ec.keyData().publicKey().blob().toByteArray();
    BigInteger d = ((dev.keypair.core.EcdsaPrivateKeyData) ec.keyData()).privateScalar(InsecureSecretAccess.get());
    Hostile.assertFailsWithin(FAST, ErrorCode.KEY_MISMATCH,
        () -> decode(assemble(3, "ecdsa-sha2-nistp384", pub, mpint(d.add(BigInteger.ONE)), NONE)));
    Hostile.assertFailsWithin(FAST, ErrorCode.INVALID_VALUE,
        () -> decode(assemble(3, "ecdsa-sha2-nistp384", pub, mpint(EcCurve.NISTP384.order()), NONE)));
    DecodedPrivateKey dsa = decode(PpkFixtures.bytes("dsa1024_v3.ppk"));
    dev.keypair.core.DsaPrivateKeyData x = (dev.keypair.core.DsaPrivateKeyData) dsa.requirePrivateKey().keyData();
    byte[] dsaPub = x.publicKey().blob().toByteArray();
    Hostile.assertFailsWithin(FAST, ErrorCode.KEY_MISMATCH, () -> decode(assemble(2, "ssh-dss", dsaPub,
        mpint(x.privateValue(InsecureSecretAccess.get()).add(BigInteger.ONE)), NONE)));
  }

  // ---------------------------------------------------------------- 25: Ed25519 sizes and agreement

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 31, 33, 64})
  void hostile25_ed25519PrivateKeyOfTheWrongLength(int length) {
    Hostile.assertFailsWithin(FAST, ErrorCode.INVALID_VALUE,
        () -> decode(assemble(3, "ssh-ed25519", ed25519Blob(), string(new byte[length]), NONE)));
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {31, 33})
  void hostile25_ed25519PublicKeyOfTheWrongLength(int length) {
    byte[] pub = concat(string(ascii("ssh-ed25519")), string(new byte[length]));
    KeyPairException e = Hostile.assertFailsWithin(FAST, ErrorCode.INVALID_VALUE,
        () -> decode(assemble(3, "ssh-ed25519", pub, string(new byte[32]), NONE)));
    assertThat(e.getMessage()).contains(Integer.toString(length));
  }

  @Test
  void hostile25_ed25519SeedOfAnotherKey() {
    byte[] otherSeed = ((dev.keypair.core.Ed25519PrivateKeyData) TestKeys.ed25519Private(6).keyData())
        .seed(InsecureSecretAccess.get());
    for (KeyProtection p : new KeyProtection[] {NONE, smallArgon2()}) {
      Hostile.assertFailsWithin(FAST, ErrorCode.KEY_MISMATCH,
          () -> decode(assemble(2, "ssh-ed25519", ed25519Blob(), string(otherSeed), p)));
    }
  }
}
