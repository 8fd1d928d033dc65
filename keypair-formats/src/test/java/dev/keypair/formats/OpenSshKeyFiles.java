package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.PrivateKeyData;
import dev.keypair.core.internal.SshWireReader;
import dev.keypair.core.internal.SshWireWriter;
import dev.keypair.formats.internal.BcryptPbkdf;
import dev.keypair.formats.internal.OpenSshCipher;
import dev.keypair.formats.internal.PemBlocks;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * openssh-key-v1 files for tests, field by field: a {@link Builder} that writes whatever it is told
 * (wrong counts, lengths, checkints, padding, keys that do not match), and {@link Parts} that takes a
 * file apart without checking it, to compare the structure of two files.
 */
final class OpenSshKeyFiles {

  static final String PASSPHRASE = "correct horse";

  private OpenSshKeyFiles() {}

  static char[] passphrase() {
    return PASSPHRASE.toCharArray();
  }

  /** The private fields of {@code key} (type name first) as the section holds them. */
  static byte[] fields(PrivateKeyData key) {
    SshWireWriter w = new SshWireWriter();
    OpenSshPrivateKeys.writePrivateFields(w, key);
    return w.toByteArray();
  }

  /** A file, built from its fields; every field can be replaced. */
  static final class Builder {
    byte[] magic = OpenSshPrivateKeys.MAGIC;
    String cipher = "none";
    String kdf = "none";
    byte[] salt = new byte[16];
    long rounds = 1;
    /** The rounds the builder encrypts with, when not {@link #rounds} (a file that lies about its cost). */
    Integer encryptionRounds;
    /** Replaces the KDF options made from salt and rounds (and the empty options of KDF none). */
    byte[] kdfOptions;
    long nkeys = 1;
    byte[] publicBlob;
    long check1 = 0x5eed1234L;
    long check2 = 0x5eed1234L;
    byte[] fields;
    byte[] comment = "test@keypair".getBytes(StandardCharsets.UTF_8);
    /** Replaces the padding 1, 2, 3, ... up to the block size. */
    byte[] padding;
    /** Replaces the section length written before the encrypted section. */
    Long sectionLength;
    /** How many bytes of the AEAD tag to keep; all when null. */
    Integer tagBytes;
    byte[] trailing = new byte[0];
    char[] passphrase = passphrase();

    /** An unencrypted file of {@code key} whose envelope holds the same key. */
    static Builder of(PrivateKeyData key) {
      Builder b = new Builder();
      b.publicBlob = key.publicKey().blob().toByteArray();
      b.fields = fields(key);
      return b;
    }

    Builder encrypted(String cipherName, int bcryptRounds) {
      cipher = cipherName;
      kdf = "bcrypt";
      rounds = bcryptRounds;
      for (int i = 0; i < salt.length; i++) {
        salt[i] = (byte) (0xa0 + i);
      }
      return this;
    }

    Builder set(java.util.function.Consumer<Builder> change) {
      change.accept(this);
      return this;
    }

    private Optional<OpenSshCipher> knownCipher() {
      return OpenSshCipher.fromName(cipher);
    }

    /** The plaintext section: checkints, fields, comment, padding. */
    byte[] section() {
      int block = knownCipher().map(OpenSshCipher::blockSize).orElse(8);
      SshWireWriter w = new SshWireWriter();
      w.writeUint32(check1).writeUint32(check2).writeRaw(fields).writeString(comment);
      if (padding != null) {
        w.writeRaw(padding);
      } else {
        for (int i = 1; w.size() % block != 0; i++) {
          w.writeByte(i);
        }
      }
      return w.toByteArray();
    }

    byte[] kdfOptionsBytes() {
      if (kdfOptions != null) {
        return kdfOptions;
      }
      return kdf.equals("bcrypt") ? new SshWireWriter().writeString(salt).writeUint32(rounds).toByteArray() : new byte[0];
    }

    /** The encrypted section and its tag: encrypted only where the cipher, KDF and parameters allow. */
    byte[] encryptedWithTag(byte[] plain) {
      OpenSshCipher c = knownCipher().orElse(null);
      byte[] out;
      long kdfRounds = encryptionRounds != null ? encryptionRounds : rounds;
      boolean derivable = kdf.equals("bcrypt") && salt.length > 0 && kdfRounds >= 1 && kdfRounds <= 64;
      if (c == null || c == OpenSshCipher.NONE || !derivable || plain.length % c.blockSize() != 0) {
        out = Arrays.copyOf(plain, plain.length + (c == null ? 0 : c.tagLength()));
      } else {
        byte[] pass = new String(passphrase).getBytes(StandardCharsets.UTF_8);
        byte[] keyAndIv = BcryptPbkdf.derive(pass, salt, (int) kdfRounds, c.kdfOutputLength());
        out = c.encrypt(keyAndIv, plain);
      }
      int tagLength = c == null ? 0 : c.tagLength();
      if (tagBytes != null) {
        out = Arrays.copyOf(out, out.length - tagLength + tagBytes);
      }
      return out;
    }

    byte[] binary() {
      byte[] plain = section();
      byte[] enc = encryptedWithTag(plain);
      SshWireWriter w = new SshWireWriter();
      w.writeRaw(magic).writeString(cipher).writeString(kdf).writeString(kdfOptionsBytes()).writeUint32(nkeys)
          .writeString(publicBlob).writeUint32(sectionLength != null ? sectionLength : plain.length).writeRaw(enc)
          .writeRaw(trailing);
      return w.toByteArray();
    }

    /** The file as text, armoured like ssh-keygen's. */
    byte[] text() {
      return PemBlocks.encodeBytes(OpenSshPrivateKeys.PEM_LABEL, binary(), OpenSshPrivateKeys.LINE_WIDTH);
    }
  }

  /** A file taken apart, unchecked. */
  record Parts(String cipher, String kdf, byte[] kdfOptions, long nkeys, byte[] publicBlob, long sectionLength,
      byte[] encrypted, byte[] tag, int sectionOffset) {

    static Parts of(byte[] text) {
      return ofBinary(binary(text));
    }

    static byte[] binary(byte[] text) {
      return PemBlocks.parseSingle(text, KeyPairLimits.defaults(), "test").der();
    }

    static Parts ofBinary(byte[] bin) {
      SshWireReader r = new SshWireReader(bin, OpenSshPrivateKeys.MAGIC.length,
          bin.length - OpenSshPrivateKeys.MAGIC.length, "test");
      String cipher = new String(r.readString("cipher"), StandardCharsets.US_ASCII);
      String kdf = new String(r.readString("kdf"), StandardCharsets.US_ASCII);
      byte[] options = r.readString("kdfoptions");
      long n = r.readUint32("nkeys");
      byte[] pub = r.readString("public key");
      int offset = OpenSshPrivateKeys.MAGIC.length + r.offset() + 4;
      long length = r.readUint32("section length");
      byte[] rest = new byte[r.remaining()];
      for (int i = 0; i < rest.length; i++) {
        rest[i] = (byte) r.readByte("rest");
      }
      int tagLength = OpenSshCipher.fromName(cipher).map(OpenSshCipher::tagLength).orElse(0);
      return new Parts(cipher, kdf, options, n, pub, length, Arrays.copyOf(rest, rest.length - tagLength),
          Arrays.copyOfRange(rest, rest.length - tagLength, rest.length), offset);
    }

    byte[] salt() {
      return new SshWireReader(kdfOptions, "test").readString("salt");
    }

    long rounds() {
      SshWireReader r = new SshWireReader(kdfOptions, "test");
      r.readString("salt");
      return r.readUint32("rounds");
    }

    /** The plaintext section, decrypted with {@code passphrase} (ignored for cipher none). */
    byte[] decrypt(String passphrase) {
      OpenSshCipher c = OpenSshCipher.fromName(cipher).orElseThrow();
      if (c == OpenSshCipher.NONE) {
        return encrypted.clone();
      }
      byte[] keyAndIv = BcryptPbkdf.derive(passphrase.getBytes(StandardCharsets.UTF_8), salt(), (int) rounds(),
          c.kdfOutputLength());
      byte[] data = Arrays.copyOf(encrypted, encrypted.length + tag.length);
      System.arraycopy(tag, 0, data, encrypted.length, tag.length);
      return c.decrypt(keyAndIv, data, 0, encrypted.length);
    }

    /** The section without its checkints (the first 8 bytes), which differ from file to file. */
    static byte[] withoutCheckints(byte[] section) {
      if (section.length < 8) {
        throw new KeyPairException(ErrorCode.FORMAT, "short section");
      }
      return Arrays.copyOfRange(section, 8, section.length);
    }
  }
}
