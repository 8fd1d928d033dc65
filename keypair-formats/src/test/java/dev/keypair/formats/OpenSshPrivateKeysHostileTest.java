package dev.keypair.formats;

import static dev.keypair.formats.Hostile.assertFails;
import static dev.keypair.formats.Hostile.assertFailsWithin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import dev.keypair.core.EcCurve;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.PrivateKeyData;
import dev.keypair.core.RsaKeyData;
import dev.keypair.core.RsaPrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.internal.SshWireWriter;
import dev.keypair.core.internal.Wipe;
import dev.keypair.testsupport.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The openssh-key-v1 cases of ../shared/HOSTILE.md, one test each (1, 2, 5, 10 to 16, 22, 25; 3 and 4
 * are {@link OpenSshPrivateKeysMutationTest}). The malformed files are built field by field with
 * {@link OpenSshKeyFiles.Builder}. Structural rejects are timed on their second run.
 */
class OpenSshPrivateKeysHostileTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  private static final Duration TEN_MS = Duration.ofMillis(10);
  private static final Duration HUNDRED_MS = Duration.ofMillis(100);
  private static final int DEFAULT_CAP = LIMITS.maxBcryptRounds();

  private static final SshPrivateKey ED = TestKeys.ed25519Private(11);
  private static final SshPrivateKey ED_OTHER = TestKeys.ed25519Private(12);
  private static final SshPrivateKey EC = TestKeys.ecdsaPrivate(EcCurve.NISTP256, 13);
  private static final SshPrivateKey EC_OTHER = TestKeys.ecdsaPrivate(EcCurve.NISTP256, 14);
  private static final SshPrivateKey EC384 = TestKeys.ecdsaPrivate(EcCurve.NISTP384, 15);
  private static final SshPrivateKey RSA = SshPrivateKey.of(TestKeys.rsaPool().get(1));
  private static final SshPrivateKey RSA_OTHER = SshPrivateKey.of(TestKeys.rsaPool().get(2));

  private static SshPrivateKey dsa(String fixture) {
    return OpenSshPrivateKeys.decode(OpenSshPrivateKeysTest.fixture(fixture), OpenSshPrivateKeysTest.pass(), LIMITS)
        .requirePrivateKey();
  }

  private static DecodedPrivateKey decode(byte[] text, Passphrase passphrase) {
    return OpenSshPrivateKeys.decode(text, passphrase, LIMITS);
  }

  private static DecodedPrivateKey decodeBinary(byte[] binary, Passphrase passphrase) {
    return OpenSshPrivateKeys.decodeBinary(binary, passphrase, LIMITS);
  }

  private static Passphrase pass() {
    return OpenSshPrivateKeysTest.pass();
  }

  private static OpenSshKeyFiles.Builder file(SshPrivateKey key) {
    return OpenSshKeyFiles.Builder.of(key.keyData());
  }

  /** An encrypted file whose KDF, if it ran, would cost the default cap of rounds. */
  private static OpenSshKeyFiles.Builder expensive(String cipher) {
    OpenSshKeyFiles.Builder b = file(ED).encrypted(cipher, 1);
    b.rounds = DEFAULT_CAP; // written; the builder encrypts with 1 round: these files are refused before the KDF
    b.encryptionRounds = 1;
    return b;
  }

  private static void refusedFast(ErrorCode code, byte[] text) {
    assertFailsWithin(TEN_MS, code, () -> decode(text, pass()));
  }

  private static byte[] cat(byte[]... parts) {
    SshWireWriter w = new SshWireWriter();
    for (byte[] p : parts) {
      w.writeRaw(p);
    }
    return w.toByteArray();
  }

  private static byte[] string(String s) {
    return new SshWireWriter().writeString(s).toByteArray();
  }

  private static byte[] string(byte[] b) {
    return new SshWireWriter().writeString(b).toByteArray();
  }

  private static byte[] uint32(long v) {
    return new SshWireWriter().writeUint32(v).toByteArray();
  }

  // --- 1, 2: lengths 0x7FFFFFFF with 10 bytes left, 0x80000000, 0xFFFFFFFF in every field

  /** The envelope up to (not including) each length field, for an unencrypted Ed25519 file. */
  private static List<byte[]> envelopePrefixes() {
    byte[] magic = OpenSshPrivateKeys.MAGIC;
    byte[] pub = ED.publicKey().keyData().blob().toByteArray();
    byte[] head = cat(magic, string("none"), string("none"), string(new byte[0]), uint32(1));
    return List.of(
        magic, // ciphername
        cat(magic, string("none")), // kdfname
        cat(magic, string("none"), string("none")), // kdfoptions
        head, // public key
        cat(head, uint32(pub.length), Arrays.copyOf(pub, 4)), // key type inside the public blob
        cat(head, string(pub))); // private section
  }

  /** The private section up to each length field inside it (Ed25519: type, pk, sk, comment). */
  private static List<byte[]> sectionPrefixes() {
    byte[] fields = OpenSshKeyFiles.fields(ED.keyData());
    byte[] checks = cat(uint32(7), uint32(7));
    int type = 4 + "ssh-ed25519".length();
    return List.of(checks, cat(checks, Arrays.copyOf(fields, type)), cat(checks, Arrays.copyOf(fields, type + 4 + 32)),
        cat(checks, fields));
  }

  /** {@code length}, or with -1 one byte more than the {@code left} there are. */
  private static long declared(long length, int left) {
    return length < 0 ? left + 1 : length;
  }

  @ParameterizedTest(name = "length {0}")
  @ValueSource(longs = {0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL, 0x7FFFFFF0L, -1})
  void hostile01and02HugeLengthsInEveryField(long length) {
    byte[] ten = "0123456789".getBytes(StandardCharsets.US_ASCII);
    for (byte[] prefix : envelopePrefixes()) {
      byte[] bin = cat(prefix, uint32(declared(length, 10)), ten);
      assertFailsWithin(TEN_MS, ErrorCode.FORMAT, () -> decodeBinary(bin, pass()));
      Hostile.assertFailsWithoutLargeAllocation(ErrorCode.FORMAT, () -> decodeBinary(bin, pass()));
      refusedFast(ErrorCode.FORMAT,
          dev.keypair.formats.internal.PemBlocks.encodeBytes(OpenSshPrivateKeys.PEM_LABEL, bin, 70));
    }
    // inside kdfoptions: the salt's length, in options of 14 bytes
    byte[] kdf = cat(OpenSshPrivateKeys.MAGIC, string("aes256-ctr"), string("bcrypt"), uint32(14), uint32(declared(length, 10)), ten,
        uint32(1), string(ED.publicKey().keyData().blob().toByteArray()), uint32(16), new byte[16]);
    assertFailsWithin(TEN_MS, ErrorCode.FORMAT, () -> decodeBinary(kdf, pass()));
    // inside the private section (unencrypted), which is itself well framed
    for (byte[] prefix : sectionPrefixes()) {
      int padTo = (prefix.length + 4 + ten.length + 7) / 8 * 8;
      byte[] section = cat(prefix, uint32(declared(length, padTo - prefix.length - 4)), ten);
      byte[] padded = Arrays.copyOf(section, padTo);
      byte[] bin = cat(OpenSshPrivateKeys.MAGIC, string("none"), string("none"), string(new byte[0]), uint32(1),
          string(ED.publicKey().keyData().blob().toByteArray()), string(padded));
      assertFailsWithin(TEN_MS, ErrorCode.FORMAT, () -> decodeBinary(bin, null));
      Hostile.assertFailsWithoutLargeAllocation(ErrorCode.FORMAT, () -> decodeBinary(bin, null));
    }
    // and an RSA field (an mpint)
    byte[] rsaFields = OpenSshKeyFiles.fields(RSA.keyData());
    int rsaPrefix = 8 + 4 + 7;
    int rsaPadTo = (rsaPrefix + 4 + ten.length + 7) / 8 * 8;
    byte[] rsaSection = cat(uint32(1), uint32(1), Arrays.copyOf(rsaFields, 4 + 7),
        uint32(declared(length, rsaPadTo - rsaPrefix - 4)), ten);
    byte[] rsaBin = cat(OpenSshPrivateKeys.MAGIC, string("none"), string("none"), string(new byte[0]), uint32(1),
        string(RSA.publicKey().keyData().blob().toByteArray()), string(Arrays.copyOf(rsaSection, rsaPadTo)));
    assertFailsWithin(TEN_MS, ErrorCode.FORMAT, () -> decodeBinary(rsaBin, null));
  }

  // --- 5: trailing bytes

  @Test
  void hostile05TrailingBytesAfterTheSectionTheBlobAndTheKdfOptions() {
    refusedFast(ErrorCode.FORMAT, file(ED).set(b -> b.trailing = new byte[] {0}).text());
    refusedFast(ErrorCode.FORMAT, file(ED).set(b -> b.trailing = new byte[8]).text());
    refusedFast(ErrorCode.FORMAT, expensive("aes256-gcm@openssh.com").set(b -> b.trailing = new byte[1]).text());
    refusedFast(ErrorCode.FORMAT, expensive("chacha20-poly1305@openssh.com").set(b -> b.trailing = new byte[16]).text());
    refusedFast(ErrorCode.FORMAT, file(ED).set(b -> b.publicBlob = cat(b.publicBlob, new byte[1])).text());
    refusedFast(ErrorCode.FORMAT,
        expensive("aes256-ctr").set(b -> b.kdfOptions = cat(string(b.salt), uint32(b.rounds), new byte[1])).text());
  }

  // --- 10: nkeys

  @ParameterizedTest(name = "nkeys {0}")
  @ValueSource(longs = {0, 2, 3, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL})
  void hostile10NumberOfKeysOtherThanOne(long nkeys) {
    refusedFast(ErrorCode.FORMAT, file(ED).set(b -> b.nkeys = nkeys).text());
    refusedFast(ErrorCode.FORMAT, expensive("aes256-ctr").set(b -> b.nkeys = nkeys).text());
  }

  // --- 11: checkints

  @Test
  void hostile11CheckintsThatDifferAreCorruptionUnencryptedAndAWrongPassphraseEncrypted() {
    assertFails(ErrorCode.CORRUPT_KEY, () -> decode(file(ED).set(b -> b.check2 = b.check1 ^ 1).text(), null));
    assertFails(ErrorCode.CORRUPT_KEY, () -> decode(file(RSA).set(b -> b.check1 = 0).text(), pass()));
    for (String cipher : new String[] {"aes256-ctr", "aes128-cbc", "aes256-gcm@openssh.com",
        "chacha20-poly1305@openssh.com"}) {
      byte[] text = file(ED).encrypted(cipher, 1).set(b -> b.check2 = b.check1 + 1).text();
      assertFails(ErrorCode.WRONG_PASSPHRASE, () -> decode(text, pass()));
      // the file itself is fine: same checkints read
      assertThat(decode(file(ED).encrypted(cipher, 1).text(), pass()).requirePrivateKey().sameKey(ED)).isTrue();
    }
  }

  // --- 12: padding

  /** A builder whose comment is chosen so that the natural padding is {@code n} bytes. */
  private static OpenSshKeyFiles.Builder withNaturalPadding(OpenSshKeyFiles.Builder b, int block, int n) {
    for (int len = 0; ; len++) {
      byte[] c = new byte[len];
      Arrays.fill(c, (byte) 'c');
      b.comment = c;
      b.padding = new byte[0];
      if ((b.section().length + n) % block == 0) {
        b.padding = null;
        return b;
      }
    }
  }

  @Test
  void hostile12PaddingMustBeOneTwoThreeAndShorterThanABlock() {
    // the good cases first: 0 and 7 bytes of padding
    assertThat(decode(withNaturalPadding(file(ED), 8, 0).text(), null).requirePrivateKey().sameKey(ED)).isTrue();
    assertThat(decode(withNaturalPadding(file(ED), 8, 7).text(), null).requirePrivateKey().sameKey(ED)).isTrue();

    OpenSshKeyFiles.Builder three = withNaturalPadding(file(ED), 8, 3);
    assertFails(ErrorCode.CORRUPT_KEY, () -> decode(three.set(b -> b.padding = new byte[] {1, 2, 4}).text(), null));
    assertFails(ErrorCode.CORRUPT_KEY, () -> decode(three.set(b -> b.padding = new byte[] {0, 0, 0}).text(), null));
    OpenSshKeyFiles.Builder one = withNaturalPadding(file(ED), 8, 1);
    // a non-zero byte after the comment where the padding should be 01
    assertFails(ErrorCode.CORRUPT_KEY, () -> decode(one.set(b -> b.padding = new byte[] {5}).text(), null));
    // padding as long as a block and longer: 1..9 where 1 was due
    assertFails(ErrorCode.CORRUPT_KEY,
        () -> decode(one.set(b -> b.padding = new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}).text(), null));
    OpenSshKeyFiles.Builder eight = withNaturalPadding(file(ED), 8, 0);
    assertFails(ErrorCode.CORRUPT_KEY,
        () -> decode(eight.set(b -> b.padding = new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).text(), null));

    // encrypted (block 16): after matching checkints a bad padding is corruption too
    OpenSshKeyFiles.Builder enc = withNaturalPadding(file(ED).encrypted("aes256-ctr", 1), 16, 2);
    assertThat(decode(enc.text(), pass()).requirePrivateKey().sameKey(ED)).isTrue();
    assertFails(ErrorCode.CORRUPT_KEY, () -> decode(enc.set(b -> b.padding = new byte[] {2, 1}).text(), pass()));
    byte[] seventeen = new byte[18];
    for (int i = 0; i < seventeen.length; i++) {
      seventeen[i] = (byte) (i + 1);
    }
    assertFails(ErrorCode.CORRUPT_KEY, () -> decode(enc.set(b -> b.padding = seventeen).text(), pass()));
  }

  // --- 13: envelope public key vs the private key

  @Test
  void hostile13EnvelopeAndPrivateKeyOfTheSameTypeButDifferentKeys() {
    SshPrivateKey dsa = dsa("dsa1024.key");
    SshPrivateKey dsaOther = dsa("dsa1024_enc.key");
    SshPrivateKey[][] pairs = {{ED, ED_OTHER}, {EC, EC_OTHER}, {RSA, RSA_OTHER}, {dsa, dsaOther}};
    for (SshPrivateKey[] pair : pairs) {
      byte[] otherFields = OpenSshKeyFiles.fields(pair[1].keyData());
      assertFails(ErrorCode.KEY_MISMATCH, () -> decode(file(pair[0]).set(b -> b.fields = otherFields).text(), null));
      assertFails(ErrorCode.KEY_MISMATCH, () -> decode(file(pair[0]).encrypted("aes256-ctr", 1)
          .set(b -> b.fields = otherFields).text(), pass()));
      // the file as written is fine
      assertThat(decode(file(pair[0]).text(), null).requirePrivateKey().sameKey(pair[0])).isTrue();
    }
  }

  @Test
  void hostile13EnvelopeAndPrivateKeyOfDifferentTypes() {
    SshPrivateKey[] keys = {ED, EC, EC384, RSA, dsa("dsa1024.key")};
    for (SshPrivateKey envelope : keys) {
      for (SshPrivateKey inside : keys) {
        if (envelope != inside) {
          byte[] fields = OpenSshKeyFiles.fields(inside.keyData());
          assertFails(ErrorCode.KEY_MISMATCH, () -> decode(file(envelope).set(b -> b.fields = fields).text(), null));
        }
      }
    }
    // ECDSA with the right type name but another curve inside
    byte[] wrongCurve = cat(string("ecdsa-sha2-nistp256"), string("nistp384"),
        string(((dev.keypair.core.EcdsaKeyData) EC.publicKey().keyData()).point()), new byte[] {0, 0, 0, 1, 1});
    assertFails(ErrorCode.KEY_MISMATCH, () -> decode(file(EC).set(b -> b.fields = wrongCurve).text(), null));
  }

  // --- 14: bcrypt rounds

  @ParameterizedTest(name = "rounds {0}")
  @ValueSource(longs = {0, 1025, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL})
  void hostile14RoundsOutsideTheCapBeforeTheKdf(long rounds) {
    refusedFast(ErrorCode.RESOURCE_LIMIT, expensive("aes256-ctr").set(b -> b.rounds = rounds).text());
    refusedFast(ErrorCode.RESOURCE_LIMIT, expensive("chacha20-poly1305@openssh.com").set(b -> b.rounds = rounds).text());
  }

  @Test
  void hostile14RoundsAtTheCapAreAccepted() {
    // at the default cap, 1024: accepted by the checks (the locked view runs no KDF), 1025 not
    DecodedPrivateKey locked = decode(expensive("aes256-ctr").text(), null);
    assertThat(locked.encryption()).contains("aes256-ctr/bcrypt/1024");
    assertThat(locked.publicKey().keyData()).isEqualTo(ED.publicKey().keyData());
    // with the KDF: at a lower cap of 64, 64 rounds decrypt within the 2 s budget and 65 are refused
    KeyPairLimits cap64 = KeyPairLimits.builder().maxBcryptRounds(64).build();
    byte[] at = OpenSshPrivateKeys.encode(ED, KeyProtection.passphrase(pass()).withBcryptRounds(64));
    byte[] over = file(ED).encrypted("aes256-ctr", 1).set(b -> b.rounds = 65).text();
    assertFailsWithin(TEN_MS, ErrorCode.RESOURCE_LIMIT, () -> OpenSshPrivateKeys.decode(over, pass(), cap64));
    assertThat(OpenSshPrivateKeys.decode(at, pass(), cap64).requirePrivateKey().sameKey(ED)).isTrue();
    Hostile.assertRunsWithin(Duration.ofSeconds(2), () -> OpenSshPrivateKeys.decode(at, pass(), cap64));
  }

  @Test
  void hostile14SshKeygensRoundsAreAccepted() {
    // 16: ssh-keygen's default (fixture); 24: keypair's default, written here
    assertThat(decode(OpenSshPrivateKeysTest.fixture("ed25519_default.key"), pass()).encryption())
        .contains("aes256-ctr/bcrypt/16");
    byte[] ours = OpenSshPrivateKeys.encode(ED, KeyProtection.passphrase(pass()));
    assertThat(decode(ours, pass()).encryption()).contains("aes256-ctr/bcrypt/24");
  }

  // --- 15: structural rejects, all before the KDF

  @Test
  void hostile15StructuralRejectsBeforeTheKdf() {
    refusedFast(ErrorCode.FORMAT, expensive("aes256-ctr").set(b -> {
      b.kdf = "none";
      b.kdfOptions = new byte[0];
    }).text());
    refusedFast(ErrorCode.FORMAT, expensive("aes256-ctr").set(b -> {
      b.kdfOptions = b.kdfOptionsBytes();
      b.kdf = "none";
    }).text());
    refusedFast(ErrorCode.FORMAT, expensive("none").text()); // bcrypt with cipher none
    refusedFast(ErrorCode.FORMAT, file(ED).set(b -> b.kdfOptions = new byte[] {0, 0, 0, 0}).text());
    refusedFast(ErrorCode.UNSUPPORTED_ALGORITHM, expensive("aes256-ctr").set(b -> b.cipher = "aes512-ctr").text());
    refusedFast(ErrorCode.UNSUPPORTED_ALGORITHM, expensive("aes256-ctr").set(b -> b.cipher = "AES256-CTR").text());
    refusedFast(ErrorCode.UNSUPPORTED_ALGORITHM, expensive("aes256-ctr").set(b -> b.kdf = "scrypt").text());
    refusedFast(ErrorCode.UNSUPPORTED_ALGORITHM, file(ED).set(b -> b.kdf = "bcrypt-sha512").text());
    refusedFast(ErrorCode.FORMAT, expensive("aes256-ctr").set(b -> b.cipher = "").text());
    // section length: not a multiple of the block, zero, more than is left
    for (long length : new long[] {8, 24, 0, 15, 32}) {
      refusedFast(ErrorCode.FORMAT, expensive("aes256-ctr").set(b -> {
        b.sectionLength = length;
        b.trailing = new byte[0];
      }).text());
    }
    refusedFast(ErrorCode.FORMAT, expensive("aes256-ctr").set(b -> b.sectionLength = (long) b.section().length + 16).text());
    refusedFast(ErrorCode.FORMAT, file(ED).set(b -> b.sectionLength = 4L).text());
    // the AEAD tag: missing, or cut short
    for (int kept : new int[] {0, 1, 8, 15}) {
      refusedFast(ErrorCode.FORMAT, expensive("aes256-gcm@openssh.com").set(b -> b.tagBytes = kept).text());
      refusedFast(ErrorCode.FORMAT, expensive("aes128-gcm@openssh.com").set(b -> b.tagBytes = kept).text());
      refusedFast(ErrorCode.FORMAT, expensive("chacha20-poly1305@openssh.com").set(b -> b.tagBytes = kept).text());
    }
    // the salt: empty, longer than 64
    refusedFast(ErrorCode.FORMAT, expensive("aes256-ctr").set(b -> b.salt = new byte[0]).text());
    refusedFast(ErrorCode.FORMAT, expensive("aes256-ctr").set(b -> b.salt = new byte[65]).text());
    // the cap is KeyPairLimits.maxKdfSaltBytes: 64 is accepted by default, 16 refused under a cap of 15
    assertThat(decode(expensive("aes256-ctr").set(b -> b.salt = new byte[64]).text(), null).isUnlocked()).isFalse();
    KeyPairLimits fifteen = KeyPairLimits.builder().maxKdfSaltBytes(15).build();
    assertFailsWithin(TEN_MS, ErrorCode.FORMAT,
        () -> OpenSshPrivateKeys.decode(expensive("aes256-ctr").text(), pass(), fifteen));
    refusedFast(ErrorCode.FORMAT, expensive("aes256-ctr").set(b -> b.kdfOptions = string(new byte[16])).text());
    // the magic
    refusedFast(ErrorCode.FORMAT, file(ED).set(b -> b.magic = "openssh-key-v2\0".getBytes(StandardCharsets.US_ASCII))
        .text());
    refusedFast(ErrorCode.FORMAT, file(ED).set(b -> b.magic = "openssh-key-v1".getBytes(StandardCharsets.US_ASCII))
        .text());
    // and the good boundaries: 1 and 64 bytes of salt
    assertThat(decode(file(ED).encrypted("aes256-ctr", 1).set(b -> b.salt = new byte[] {9}).text(), pass())
        .requirePrivateKey().sameKey(ED)).isTrue();
    assertThat(decode(file(ED).encrypted("aes256-ctr", 1).set(b -> b.salt = new byte[64]).text(), pass())
        .requirePrivateKey().sameKey(ED)).isTrue();
  }

  // --- 16: passphrases, and wiping what was derived from them

  /** Runs {@code call} and returns the tags and buffers it wiped. */
  private static List<Object[]> wipes(Runnable call) {
    return dev.keypair.testsupport.Wipes.during(call::run).seen().stream()
        .map(s -> new Object[] {s.tag(), s.buffer()}).toList();
  }

  private static List<String> tags(List<Object[]> wipes) {
    return wipes.stream().map(w -> (String) w[0]).toList();
  }

  private static void assertAllStillWiped(List<Object[]> wipes) {
    for (Object[] w : wipes) {
      assertThat(Wipe.isWiped(w[1])).as("%s", w[0]).isTrue();
    }
  }

  @Test
  void hostile16NoPassphraseGivesThePublicKeyWithoutAKdfRun() {
    byte[] text = expensive("aes256-ctr").text();
    List<Object[]> seen = wipes(() -> {
      DecodedPrivateKey d = decode(text, null);
      assertThat(d.isUnlocked()).isFalse();
      assertFails(ErrorCode.PASSPHRASE_REQUIRED, d::requirePrivateKey);
    });
    assertThat(tags(seen)).noneMatch(t -> t.startsWith("bcrypt-") || t.equals("openssh-kdf-output"));
    Hostile.assertRunsWithin(TEN_MS, () -> decode(text, null));
  }

  @Test
  void hostile16EmptyPassphraseIsRequiredWithoutAKdfRun() {
    byte[] text = expensive("aes256-ctr").text();
    List<Object[]> seen = wipes(() -> assertFails(ErrorCode.PASSPHRASE_REQUIRED, () -> decode(text, Passphrase.empty())));
    assertThat(tags(seen)).noneMatch(t -> t.startsWith("bcrypt-") || t.equals("openssh-kdf-output"));
    assertFailsWithin(TEN_MS, ErrorCode.PASSPHRASE_REQUIRED, () -> decode(text, Passphrase.empty()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"aes256-ctr", "aes256-cbc", "aes128-gcm@openssh.com", "chacha20-poly1305@openssh.com"})
  void hostile16WrongPassphraseAndWhatIsWiped(String cipher) {
    byte[] text = file(ED).encrypted(cipher, 1).text();
    List<Object[]> wrong = wipes(() -> assertFails(ErrorCode.WRONG_PASSPHRASE,
        () -> decode(text, Passphrase.of("not it".toCharArray()))));
    assertThat(tags(wrong)).contains("openssh-passphrase", "openssh-kdf-output", "openssh-file", "bcrypt-sha2pass",
        "blowfish-p", "blowfish-s");
    boolean aead = cipher.contains("@");
    if (!aead) {
      assertThat(tags(wrong)).contains("openssh-decrypted-section"); // decrypted, then the checkints differed
    }
    assertAllStillWiped(wrong);

    Passphrase right = pass();
    List<Object[]> ok = wipes(() -> assertThat(decode(text, right).requirePrivateKey().sameKey(ED)).isTrue());
    assertThat(tags(ok)).contains("openssh-passphrase", "openssh-kdf-output", "openssh-decrypted-section",
        "openssh-ed25519-sk", "openssh-ed25519-seed", "openssh-file", "bcrypt-sha2pass");
    assertAllStillWiped(ok);
    // the passphrase's UTF-8 copy was wiped; the caller's passphrase is the caller's to destroy
    assertThat(ok.stream().filter(w -> w[0].equals("openssh-passphrase")).map(w -> ((byte[]) w[1]).length))
        .containsExactly(OpenSshKeyFiles.PASSPHRASE.length());
    assertThat(right.isDestroyed()).isFalse();
  }

  @Test
  void hostile16WritingWipesToo() {
    List<Object[]> seen = wipes(() -> OpenSshPrivateKeys.encode(RSA,
        KeyProtection.passphrase(pass()).withBcryptRounds(1)));
    assertThat(tags(seen)).contains("openssh-private-section", "openssh-passphrase", "openssh-kdf-output",
        "openssh-file", "pem-base64", "bcrypt-sha2pass");
    assertAllStillWiped(seen);
    List<Object[]> plain = wipes(() -> OpenSshPrivateKeys.encode(ED, KeyProtection.none(InsecureSecretAccess.get())));
    assertThat(tags(plain)).contains("openssh-private-section", "openssh-file", "openssh-ed25519-sk", "pem-base64")
        .noneMatch(t -> t.startsWith("bcrypt-"));
    assertAllStillWiped(plain);
  }

  // --- 22: RSA private values

  private static byte[] rsaFields(BigInteger n, BigInteger e, BigInteger d, BigInteger iqmp, BigInteger p,
      BigInteger q) {
    return new SshWireWriter().writeString("ssh-rsa").writeMpint(n).writeMpint(e).writeMpint(d).writeMpint(iqmp)
        .writeMpint(p).writeMpint(q).toByteArray();
  }

  @Test
  void hostile22BadRsaPrivateValuesAreRefusedBeforeCrtWork() {
    RsaPrivateKeyData k = (RsaPrivateKeyData) RSA.keyData();
    InsecureSecretAccess a = InsecureSecretAccess.get();
    BigInteger n = k.publicKey().modulus();
    BigInteger e = k.publicKey().publicExponent();
    BigInteger d = k.privateExponent(a);
    BigInteger p = k.primeP(a);
    BigInteger q = k.primeQ(a);
    BigInteger iqmp = k.crtCoefficient(a);
    Consumer<byte[]> invalid = fields -> assertFailsWithin(HUNDRED_MS, ErrorCode.INVALID_VALUE,
        () -> decode(file(RSA).set(b -> b.fields = fields).text(), null));
    invalid.accept(rsaFields(n, e, d, iqmp, p.add(BigInteger.TWO), q)); // p * q != n
    invalid.accept(rsaFields(n, e, d, iqmp, q, p)); // swapped: iqmp is then wrong
    invalid.accept(rsaFields(n, e, d.add(BigInteger.TWO), iqmp, p, q)); // wrong d
    invalid.accept(rsaFields(n, e, d, iqmp.add(BigInteger.ONE), p, q)); // wrong iqmp
    invalid.accept(rsaFields(n, e, BigInteger.ZERO, iqmp, p, q));
    assertThat(decode(file(RSA).set(b -> b.fields = rsaFields(n, e, d, iqmp, p, q)).text(), null)
        .requirePrivateKey().sameKey(RSA)).isTrue();

    // a "prime" over 8192 bits, in a 16000-bit modulus the public checks accept
    Random r = new Random(22);
    BigInteger big = noSmallFactors(r, 9000);
    BigInteger small = noSmallFactors(r, 7000);
    BigInteger bigN = big.multiply(small);
    RsaKeyData pub = RsaKeyData.of(e, bigN);
    byte[] text = file(RSA).set(b -> {
      b.publicBlob = pub.blob().toByteArray();
      b.fields = rsaFields(bigN, e, BigInteger.valueOf(3), BigInteger.ONE, big, small);
    }).text();
    assertFailsWithin(HUNDRED_MS, ErrorCode.INVALID_VALUE, () -> decode(text, null));
  }

  private static BigInteger noSmallFactors(Random r, int bits) {
    while (true) {
      BigInteger c = new BigInteger(bits, r).setBit(bits - 1).setBit(0);
      boolean ok = true;
      for (int f = 3; f < 256 && ok; f += 2) {
        ok = c.mod(BigInteger.valueOf(f)).signum() != 0;
      }
      if (ok) {
        return c;
      }
    }
  }

  // --- 25: Ed25519 lengths and seed/public

  private static byte[] edFields(byte[] pk, byte[] sk) {
    return new SshWireWriter().writeString("ssh-ed25519").writeString(pk).writeString(sk).toByteArray();
  }

  private static byte[] sk(SshPrivateKey key) {
    byte[] seed = ((dev.keypair.core.Ed25519PrivateKeyData) key.keyData()).seed(InsecureSecretAccess.get());
    return cat(seed, pk(key));
  }

  private static byte[] pk(SshPrivateKey key) {
    return ((dev.keypair.core.Ed25519KeyData) key.publicKey().keyData()).keyBytes();
  }

  @Test
  void hostile25Ed25519LengthsAndTheSeedsPublicKey() {
    byte[] pk = pk(ED);
    byte[] sk = sk(ED);
    for (int len : new int[] {0, 31, 33, 64}) {
      byte[] badPk = Arrays.copyOf(pk, len);
      assertFails(ErrorCode.INVALID_VALUE, () -> decode(file(ED).set(b -> b.fields = edFields(badPk, sk)).text(), null));
      // in the envelope: the public key blob itself is refused
      byte[] badBlob = cat(string("ssh-ed25519"), string(badPk));
      assertFails(ErrorCode.INVALID_VALUE, () -> decode(file(ED).set(b -> b.publicBlob = badBlob).text(), null));
    }
    for (int len : new int[] {0, 32, 63, 65, 96}) {
      byte[] badSk = Arrays.copyOf(sk, len);
      assertFails(ErrorCode.INVALID_VALUE, () -> decode(file(ED).set(b -> b.fields = edFields(pk, badSk)).text(), null));
    }
    // seed || another public key
    byte[] otherTail = cat(Arrays.copyOf(sk, 32), pk(ED_OTHER));
    assertFails(ErrorCode.KEY_MISMATCH, () -> decode(file(ED).set(b -> b.fields = edFields(pk, otherTail)).text(), null));
    // another seed || the public key: the public key derived from the seed differs
    byte[] otherSeed = cat(Arrays.copyOf(sk(ED_OTHER), 32), pk);
    assertFails(ErrorCode.KEY_MISMATCH, () -> decode(file(ED).set(b -> b.fields = edFields(pk, otherSeed)).text(), null));
    assertThat(decode(file(ED).set(b -> b.fields = edFields(pk, sk)).text(), null).requirePrivateKey().comment())
        .isEqualTo(Comment.of("test@keypair"));
  }

  /** Each private key type survives the builder unchanged (the base of the cases above). */
  @Test
  void theBuilderWritesWhatTheDecoderReads() {
    for (SshPrivateKey k : new SshPrivateKey[] {ED, EC, EC384, RSA, dsa("dsa1024.key")}) {
      PrivateKeyData read = decode(file(k).text(), null).requirePrivateKey().keyData();
      assertThat(read.sameKey(k.keyData())).isTrue();
    }
  }
}
