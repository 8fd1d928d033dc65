package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.internal.StrictBase64;
import dev.keypair.core.internal.Wipe;
import dev.keypair.formats.KeyProtection.Argon2Variant;
import dev.keypair.formats.PpkCrypto.Argon2Params;
import dev.keypair.formats.internal.TextLines;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The text layer of a PPK file: its header lines in their fixed order, the two base64 blobs and the
 * MAC, read and written with no cryptography (PuTTY manual, appendix C.2).
 *
 * <p>{@link #parse} makes every structural check, and checks the Argon2 costs against the limits,
 * before anything expensive runs. Lines end in LF, CRLF or CR (PuTTY writes LF and reads all three).
 * Lines after {@code Private-MAC} must be blank.
 */
final class PpkFile {

  static final String NONE = "none";
  static final String AES256_CBC = "aes256-cbc";
  private static final String FIRST_HEADER = "PuTTY-User-Key-File-";
  private static final int LINE_CHARS = 64;
  /** Argon2 salts shorter than this are refused (RFC 9106 section 3.1; PuTTY writes 16 bytes). */
  static final int MIN_SALT_BYTES = 8;

  final int version;
  final String algorithm;
  final boolean encrypted;
  final byte[] comment;
  final byte[] publicBlob;
  /** The Argon2 settings of a v3 encrypted file, else null. */
  final Argon2Params argon2;
  /** The private blob as stored: the ciphertext, or the blob itself when unencrypted. */
  final byte[] privateData;
  final byte[] mac;

  PpkFile(int version, String algorithm, boolean encrypted, byte[] comment, byte[] publicBlob, Argon2Params argon2,
      byte[] privateData, byte[] mac) {
    this.version = version;
    this.algorithm = algorithm;
    this.encrypted = encrypted;
    this.comment = comment;
    this.publicBlob = publicBlob;
    this.argon2 = argon2;
    this.privateData = privateData;
    this.mac = mac;
  }

  String encryptionName() {
    return encrypted ? AES256_CBC : NONE;
  }

  /** {@code aes256-cbc/Argon2id/8192/34/1} (v3), {@code aes256-cbc} (v2); null when unencrypted. */
  String encryptionDescription() {
    if (!encrypted) {
      return null;
    }
    return argon2 == null ? AES256_CBC : AES256_CBC + "/" + argon2.description();
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads the structure of {@code text}. For an unencrypted file {@link #privateData} holds the
   * private key: the caller wipes it.
   */
  static PpkFile parse(byte[] text, KeyPairLimits limits) {
    Lines in = new Lines(text, limits);
    String first = in.next("the 'PuTTY-User-Key-File-N' header");
    int colon = first.indexOf(": ");
    if (!first.startsWith(FIRST_HEADER) || colon < 0) {
      throw format("line 1 is not 'PuTTY-User-Key-File-N: algorithm': not a PuTTY private key file");
    }
    String v = first.substring(FIRST_HEADER.length(), colon);
    if (!v.matches("[0-9]{1,9}")) {
      throw format("line 1: the PPK version is not a number");
    }
    if (!v.equals("2") && !v.equals("3")) {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM,
          "PPK version " + v + " is not supported; keypair reads versions 2 and 3");
    }
    int version = Integer.parseInt(v);
    String algorithm = first.substring(colon + 2);
    if (!isName(algorithm)) {
      throw format("line 1: the algorithm is not a printable name");
    }
    String encryption = in.header("Encryption");
    if (!encryption.equals(NONE) && !encryption.equals(AES256_CBC)) {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM,
          "PPK encryption " + quoted(encryption) + " is not supported (only 'none' and 'aes256-cbc' exist)");
    }
    boolean encrypted = encryption.equals(AES256_CBC);
    byte[] comment = TextLines.bytes(in.header("Comment"));
    byte[] publicBlob = in.blob("Public-Lines", false);
    Argon2Params argon2 = version == 3 && encrypted ? argon2(in, limits) : null;
    byte[] privateData = in.blob("Private-Lines", !encrypted);
    try {
      if (encrypted && privateData.length % PpkCrypto.BLOCK != 0) {
        throw format("the encrypted private blob is " + privateData.length + " bytes, not a multiple of "
            + PpkCrypto.BLOCK);
      }
      int macLength = version == 2 ? 20 : 32;
      String hex = in.header("Private-MAC");
      if (hex.length() != 2 * macLength || !isLowerHex(hex)) {
        throw format("line " + in.lineNumber() + ": Private-MAC is not " + 2 * macLength + " lowercase hex digits");
      }
      in.requireBlankToEnd();
      return new PpkFile(version, algorithm, encrypted, comment, publicBlob, argon2, privateData,
          HexFormat.of().parseHex(hex));
    } catch (RuntimeException e) {
      if (!encrypted) {
        Wipe.wipe("ppk-private-blob", privateData);
      }
      throw e;
    }
  }

  /** The Argon2 headers, each value checked against its cap before anything else happens. */
  private static Argon2Params argon2(Lines in, KeyPairLimits limits) {
    String kdf = in.header("Key-Derivation");
    Argon2Variant variant = null;
    for (Argon2Variant a : Argon2Variant.values()) {
      if (a.ppkName().equals(kdf)) {
        variant = a;
      }
    }
    if (variant == null) {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, "PPK key derivation " + quoted(kdf)
          + " is not supported (Argon2d, Argon2i and Argon2id are)");
    }
    long memory = in.decimal("Argon2-Memory");
    long passes = in.decimal("Argon2-Passes");
    long parallelism = in.decimal("Argon2-Parallelism");
    KeyPairLimits.checkKdfParameter("Argon2-Memory (KiB)", memory,
        Math.min(limits.maxKdfMemoryBytes() / 1024, Integer.MAX_VALUE));
    KeyPairLimits.checkKdfParameter("Argon2-Passes", passes, limits.maxArgon2Passes());
    KeyPairLimits.checkKdfParameter("Argon2-Parallelism", parallelism, limits.maxKdfParallelism());
    KeyPairLimits.checkKdfParameter("Argon2 work (Argon2-Memory KiB x Argon2-Passes)", memory * passes,
        limits.maxArgon2Work());
    if (memory < 8 * parallelism) {
      // RFC 9106 section 3.1; below it PuTTY 0.78 computes something else than Argon2 (or crashes)
      throw format("Argon2-Memory " + memory + " KiB is less than 8 KiB per lane (" + parallelism + " lanes)");
    }
    String saltHex = in.header("Argon2-Salt");
    if (saltHex.length() % 2 != 0 || saltHex.length() < 2 * MIN_SALT_BYTES || !isHex(saltHex)) {
      throw format("line " + in.lineNumber() + ": Argon2-Salt is not an even number of hex digits, at least "
          + 2 * MIN_SALT_BYTES);
    }
    if (saltHex.length() / 2 > limits.maxKdfSaltBytes()) {
      throw format("line " + in.lineNumber() + ": Argon2-Salt has " + saltHex.length() / 2
          + " bytes, over the limit of " + limits.maxKdfSaltBytes() + " (see KeyPairLimits)");
    }
    return new Argon2Params(variant, (int) memory, (int) passes, (int) parallelism,
        HexFormat.of().parseHex(saltHex));
  }

  /** The lines of a file, read in order. */
  private static final class Lines {
    private final List<String> lines;
    private int next;

    Lines(byte[] text, KeyPairLimits limits) {
      List<String> split = TextLines.split(text, limits, "PPK file");
      lines = new ArrayList<>(split.size());
      for (String line : split) {
        int start = 0;
        for (int cr = line.indexOf('\r'); cr >= 0; cr = line.indexOf('\r', start)) {
          lines.add(line.substring(start, cr)); // a CR alone ends a line too (old Mac files)
          start = cr + 1;
        }
        lines.add(line.substring(start));
      }
    }

    /** The 1-based number of the line read last. */
    int lineNumber() {
      return next;
    }

    String next(String what) {
      if (next >= lines.size()) {
        throw format("the file ends before " + what + " (line " + (next + 1) + ")");
      }
      return lines.get(next++);
    }

    /** The value of the next line, which must be {@code name: value}. */
    String header(String name) {
      String line = next("the '" + name + "' header");
      if (!line.startsWith(name) || !line.startsWith(": ", name.length())) {
        throw format("line " + next + ": expected the '" + name + "' header");
      }
      return line.substring(name.length() + 2);
    }

    /** The value of the next header as a plain decimal number (no sign, space or leading zero), saturated. */
    long decimal(String name) {
      String s = header(name);
      if (!s.matches("0|[1-9][0-9]*")) {
        throw format("line " + next + ": " + name + " is not a plain decimal number");
      }
      return s.length() > 18 ? Long.MAX_VALUE : Long.parseLong(s);
    }

    /**
     * A {@code name: n} header and the {@code n} base64 lines after it, decoded. Each line has 4 to 64
     * characters, a multiple of 4, as PuTTY requires; padding may only end the last.
     */
    byte[] blob(String name, boolean secret) {
      long count = decimal(name);
      int at = next;
      if (count < 1 || count > lines.size() - next) {
        throw format("line " + at + ": " + name + " is " + count + " but " + (lines.size() - next)
            + " lines follow");
      }
      int chars = 0;
      for (int i = 0; i < count; i++) {
        int n = lines.get(next + i).length();
        if (n == 0 || n > LINE_CHARS || n % 4 != 0) {
          throw format("line " + (next + i + 1) + ": a base64 line of " + n
              + " characters (1 to 64, a multiple of 4, are allowed)");
        }
        chars += n;
      }
      byte[] b64 = new byte[chars];
      int o = 0;
      for (int i = 0; i < count; i++) {
        String line = lines.get(next++);
        for (int k = 0; k < line.length(); k++) {
          b64[o++] = (byte) line.charAt(k);
        }
      }
      try {
        return StrictBase64.decode(b64, 0, b64.length, "PPK " + name + " block (from line " + (at + 1) + ")");
      } finally {
        if (secret) {
          Wipe.wipe("ppk-private-base64", b64);
        }
      }
    }

    void requireBlankToEnd() {
      while (next < lines.size()) {
        if (!lines.get(next++).isEmpty()) {
          throw format("line " + next + ": unexpected data after Private-MAC");
        }
      }
    }
  }

  // ---------------------------------------------------------------- writing

  /** The file, laid out as puttygen lays it out: LF line ends, base64 in lines of 64. */
  byte[] toText() {
    Out count = new Out(null);
    write(count);
    Out out = new Out(new byte[count.pos]);
    write(out);
    return out.buf;
  }

  private void write(Out o) {
    o.line(FIRST_HEADER + version + ": " + algorithm);
    o.line("Encryption: " + encryptionName());
    o.ascii("Comment: ");
    o.bytes(comment);
    o.ascii("\n");
    o.blob("Public-Lines", publicBlob);
    if (argon2 != null) {
      o.line("Key-Derivation: " + argon2.variant.ppkName());
      o.line("Argon2-Memory: " + argon2.memoryKiB);
      o.line("Argon2-Passes: " + argon2.passes);
      o.line("Argon2-Parallelism: " + argon2.parallelism);
      o.line("Argon2-Salt: " + HexFormat.of().formatHex(argon2.salt()));
    }
    o.blob("Private-Lines", privateData);
    o.line("Private-MAC: " + HexFormat.of().formatHex(mac));
  }

  /** Counts (no buffer) or writes; two passes give an exact-size array with no copies left behind. */
  private static final class Out {
    final byte[] buf;
    int pos;

    Out(byte[] buf) {
      this.buf = buf;
    }

    void ascii(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (buf != null) {
          buf[pos] = (byte) s.charAt(i);
        }
        pos++;
      }
    }

    void line(String s) {
      ascii(s);
      ascii("\n");
    }

    void bytes(byte[] b) {
      if (buf != null) {
        System.arraycopy(b, 0, buf, pos, b.length);
      }
      pos += b.length;
    }

    void blob(String header, byte[] data) {
      byte[] b64 = Base64.getEncoder().encode(data);
      try {
        line(header + ": " + (b64.length + LINE_CHARS - 1) / LINE_CHARS);
        for (int off = 0; off < b64.length; off += LINE_CHARS) {
          int n = Math.min(LINE_CHARS, b64.length - off);
          if (buf != null) {
            System.arraycopy(b64, off, buf, pos, n);
          }
          pos += n;
          ascii("\n");
        }
      } finally {
        Wipe.wipe("ppk-base64-out", b64);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  static KeyPairException format(String message) {
    return new KeyPairException(ErrorCode.FORMAT, "PPK: " + message);
  }

  private static boolean isName(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** The value quoted if it is a short printable name, for messages; never arbitrary file content. */
  private static String quoted(String value) {
    return isName(value) && value.length() <= 40 ? "'" + value + "'" : "(a value that is not a name)";
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
