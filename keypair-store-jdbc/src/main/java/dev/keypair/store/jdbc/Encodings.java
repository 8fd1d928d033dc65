package dev.keypair.store.jdbc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The column encodings of the schema that are not plain SQL values.
 *
 * <ul>
 *   <li><b>Sort keys</b> ({@code name_key}): a string as its UTF-16 code units, two bytes each, big-endian. A
 *       database compares BLOBs byte by byte (SQLite's {@code memcmp}, PostgreSQL's {@code bytea}), and byte order
 *       of big-endian code units is exactly {@link String#compareTo} order, including for supplementary
 *       characters, where UTF-8 (SQLite's {@code BINARY} collation on TEXT) orders differently. The mapping is
 *       one-to-one for every Java string (lone surrogates and U+0000 included), so equality is exact too.</li>
 *   <li><b>Tags</b> ({@code tags}): a JSON object of strings, written and parsed here: {@code "} and {@code \}
 *       escaped, every other character below U+0020, U+007F, and every surrogate as {@code \}{@code uXXXX}.
 *       The text is therefore valid UTF-8 whatever the strings hold, and any Java strings round-trip.</li>
 *   <li><b>Row checks</b> ({@code row_check}): CRC-32C over a row's values ({@link #rowCheck}). SQLite keeps no
 *       checksum of its pages, and its integrity check compares indexed columns with their indexes only, so a
 *       damaged byte in another text column (a name, a public key, a tag) would read as a different value.</li>
 * </ul>
 */
final class Encodings {

  private Encodings() {}

  /** Thrown by the decoders for bytes no encoder wrote; the store reports it as {@code Store.Corrupt}. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The row check of these values, in column order: CRC-32C over each one's length ({@code -1} for NULL) and bytes
   * (text as UTF-8, a byte array as it is, a number as 8 bytes big-endian). Any change of up to 32 consecutive
   * bits, and so any damaged byte, changes it.
   */
  static long rowCheck(Object... values) {
    CRC32C crc = new CRC32C();
    ByteBuffer number = ByteBuffer.allocate(8);
    for (Object v : values) {
      byte[] bytes;
      if (v == null) {
        bytes = null;
      } else if (v instanceof byte[] b) {
        bytes = b;
      } else if (v instanceof String text) {
        bytes = text.getBytes(StandardCharsets.UTF_8);
      } else {
        bytes = number.clear().putLong(((Number) v).longValue()).array();
      }
      crc.update(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
      if (bytes != null) {
        crc.update(bytes);
      }
    }
    return crc.getValue();
  }

  /** The sort key of {@code s}: its UTF-16 code units, big-endian. */
  static byte[] sortKey(String s) {
    byte[] out = new byte[s.length() * 2];
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out[2 * i] = (byte) (c >>> 8);
      out[2 * i + 1] = (byte) c;
    }
    return out;
  }

  /** The string whose {@link #sortKey} is {@code b}. */
  static String fromSortKey(byte[] b) throws Malformed {
    if (b == null || b.length % 2 != 0) {
      throw new Malformed("a sort key has an odd length");
    }
    char[] out = new char[b.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (char) (((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff));
    }
    return new String(out);
  }

  /** The tags as the {@code tags} column holds them; a null key or value is a {@link NullPointerException}. */
  static String encodeTags(Map<String, String> tags) {
    StringBuilder sb = new StringBuilder(2 + tags.size() * 16);
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(tags).entrySet()) {
      if (e.getValue() == null) {
        throw new NullPointerException("tag value");
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      quote(sb, e.getKey());
      sb.append(':');
      quote(sb, e.getValue());
    }
    return sb.append('}').toString();
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
        sb.append("\\u");
        String hex = Integer.toHexString(c);
        for (int pad = hex.length(); pad < 4; pad++) {
          sb.append('0');
        }
        sb.append(hex);
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  /** The tags the {@code tags} column text holds, sorted by key. */
  static Map<String, String> decodeTags(String text) throws Malformed {
    if (text == null) {
      throw new Malformed("the tags are missing");
    }
    TagParser p = new TagParser(text);
    return p.object();
  }

  private static final class TagParser {
    private final String s;
    private int pos;

    TagParser(String s) {
      this.s = s;
    }

    Map<String, String> object() throws Malformed {
      TreeMap<String, String> out = new TreeMap<>();
      expect('{');
      if (peek() == '}') {
        pos++;
      } else {
        while (true) {
          String key = string();
          expect(':');
          String value = string();
          if (out.put(key, value) != null) {
            throw new Malformed("a tag key is repeated");
          }
          char c = next();
          if (c == '}') {
            break;
          }
          if (c != ',') {
            throw new Malformed("the tags are not a JSON object at offset " + (pos - 1));
          }
        }
      }
      if (pos != s.length()) {
        throw new Malformed("the tags have trailing text at offset " + pos);
      }
      return out;
    }

    private String string() throws Malformed {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\') {
          char e = next();
          if (e == '"' || e == '\\') {
            sb.append(e);
          } else if (e == 'u') {
            if (pos + 4 > s.length()) {
              throw new Malformed("the tags end inside an escape");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
              int d = Character.digit(s.charAt(pos++), 16);
              if (d < 0) {
                throw new Malformed("the tags hold a bad escape at offset " + (pos - 1));
              }
              v = v * 16 + d;
            }
            sb.append((char) v);
          } else {
            throw new Malformed("the tags hold a bad escape at offset " + (pos - 1));
          }
        } else {
          sb.append(c);
        }
      }
    }

    private char peek() throws Malformed {
      if (pos >= s.length()) {
        throw new Malformed("the tags end early");
      }
      return s.charAt(pos);
    }

    private char next() throws Malformed {
      char c = peek();
      pos++;
      return c;
    }

    private void expect(char c) throws Malformed {
      if (next() != c) {
        throw new Malformed("the tags are not a JSON object at offset " + (pos - 1));
      }
    }
  }
}
