package dev.keypair.formats.internal;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * A strict reader and writer of the DER subset keys are made of
 * (<a href="https://www.itu.int/rec/T-REC-X.690">ITU-T X.690</a> sections 8 and 10; the key structures of
 * RFC 5280, RFC 8017, RFC 5915, RFC 5958).
 *
 * <p>Every element is {@code tag length content}:
 * <pre>
 * tag      one octet: class (2 bits), constructed (1 bit), number (5 bits, 0..30)
 * length   0xxxxxxx                      short form, 0..127
 *          1nnnnnnn  n octets, big end   long form, only for 128 and more, no leading zero octet, n &lt;= 4
 * content  exactly length octets
 * </pre>
 *
 * <p>What {@link Reader} refuses, each with {@link ErrorCode#FORMAT} naming the structure, the field
 * and the offset (never the bytes):
 * <ul>
 *   <li>indefinite lengths ({@code 0x80}), non-minimal lengths, lengths of more than 4 octets, and any
 *       length larger than what is left of the enclosing element; the check comes before anything is
 *       allocated, so {@code 84 7fffffff} costs nothing;
 *   <li>high tag numbers ({@code 0x1f}), and a tag other than the one the structure expects;
 *   <li>INTEGERs that are empty or not minimal two's complement; OBJECT IDENTIFIERs that are empty or
 *       have a non-minimal or unterminated arc; NULLs with content; BIT STRINGs with unused bits where a
 *       key is expected;
 *   <li>trailing bytes after the last field of a structure, or after the outermost element.
 * </ul>
 * Nesting is capped at {@link KeyPairLimits#maxAsn1Depth()} ({@link ErrorCode#RESOURCE_LIMIT}); the
 * reader never recurses (a structure is read by a caller that knows its fields, one level at a time), so
 * input nested thousands deep costs one failed tag check, not a deep stack.
 *
 * <p>The static methods ({@link #sequence}, {@link #integer(BigInteger)}, {@link #oid}...) write DER:
 * minimal lengths, minimal two's complement INTEGERs.
 */
public final class Der {

  /** Longest OBJECT IDENTIFIER content read, in octets. */
  public static final int MAX_OID_BYTES = 64;
  /** Longest single OBJECT IDENTIFIER arc read, in octets. */
  public static final int MAX_OID_ARC_BYTES = 20;

  /** Tag of INTEGER. */
  public static final int INTEGER = 0x02;
  /** Tag of BIT STRING (primitive; DER has no constructed strings). */
  public static final int BIT_STRING = 0x03;
  /** Tag of OCTET STRING. */
  public static final int OCTET_STRING = 0x04;
  /** Tag of NULL. */
  public static final int NULL = 0x05;
  /** Tag of OBJECT IDENTIFIER. */
  public static final int OBJECT_IDENTIFIER = 0x06;
  /** Tag of SEQUENCE and SEQUENCE OF (always constructed). */
  public static final int SEQUENCE = 0x30;
  /** Tag of SET and SET OF (always constructed). */
  public static final int SET = 0x31;

  /** Tag of a constructed context-specific element {@code [n]}, as in {@code [0] EXPLICIT}. */
  public static int contextConstructed(int number) {
    checkTagNumber(number);
    return 0xa0 | number;
  }

  /** Tag of a primitive context-specific element {@code [n] IMPLICIT}. */
  public static int contextPrimitive(int number) {
    checkTagNumber(number);
    return 0x80 | number;
  }

  private static void checkTagNumber(int number) {
    if (number < 0 || number > 30) {
      throw new IllegalArgumentException("tag number must be in 0..30: " + number);
    }
  }

  /** The longest OBJECT IDENTIFIER text put in an error message. */
  private static final int MAX_OID_IN_MESSAGE = 64;

  private Der() {}

  /**
   * A reader of {@code der} that expects exactly one element filling it, such as the outer SEQUENCE
   * of a SubjectPublicKeyInfo; call {@link Reader#end()} after reading it to refuse trailing bytes.
   *
   * @param structure what is being read, for error messages ("SubjectPublicKeyInfo")
   */
  public static Reader reader(byte[] der, KeyPairLimits limits, String structure) {
    return new Reader(der, 0, der.length, 0, limits.maxAsn1Depth(), structure);
  }

  /**
   * Decodes {@code der}, which must hold exactly one element: checks its size against
   * {@link KeyPairLimits#maxInputBytes()}, lets {@code body} read the element from a reader of the
   * whole input, and refuses bytes after it.
   */
  public static <T> T decode(byte[] der, KeyPairLimits limits, String structure, Function<Reader, T> body) {
    limits.checkInputSize(der.length, structure);
    Reader r = reader(der, limits, structure);
    T result = body.apply(r);
    r.end();
    return result;
  }

  /** Name of a tag for error messages: {@code SEQUENCE}, {@code [0]}, {@code tag 0x1f}. */
  static String tagName(int tag) {
    switch (tag) {
      case INTEGER:
        return "INTEGER";
      case BIT_STRING:
        return "BIT STRING";
      case OCTET_STRING:
        return "OCTET STRING";
      case NULL:
        return "NULL";
      case OBJECT_IDENTIFIER:
        return "OBJECT IDENTIFIER";
      case SEQUENCE:
        return "SEQUENCE";
      case SET:
        return "SET";
      default:
        if ((tag & 0xc0) == 0x80 && (tag & 0x1f) != 0x1f) {
          return "[" + (tag & 0x1f) + "]" + ((tag & 0x20) != 0 ? "" : " primitive");
        }
        return "tag 0x" + (tag < 0x10 ? "0" : "") + Integer.toHexString(tag);
    }
  }

  /** An OBJECT IDENTIFIER in dotted form, shortened for an error message. */
  public static String oidForMessage(String oid) {
    return oid.length() <= MAX_OID_IN_MESSAGE ? oid : oid.substring(0, MAX_OID_IN_MESSAGE) + "...";
  }

  /**
   * Reads the elements of one DER value, in order: the whole input, or the content of a constructed
   * element or of a BIT STRING or OCTET STRING that wraps DER. Offsets in messages are from the start
   * of the outermost input. A failed read ends the decoding: after a {@link KeyPairException} the
   * reader's position is unspecified.
   */
  public static final class Reader {

    private final byte[] buf;
    private final int end;
    private final int depth;
    private final int maxDepth;
    private final String structure;
    private int pos;

    private Reader(byte[] buf, int from, int end, int depth, int maxDepth, String structure) {
      this.buf = buf;
      this.pos = from;
      this.end = end;
      this.depth = depth;
      this.maxDepth = maxDepth;
      this.structure = structure;
    }

    /** Whether any byte is left in this element. */
    public boolean hasMore() {
      return pos < end;
    }

    /** The offset of the next element, from the start of the outermost input. */
    public int offset() {
      return pos;
    }

    /** The tag of the next element, or -1 at the end. */
    public int peekTag() {
      return pos < end ? buf[pos] & 0xff : -1;
    }

    /** A {@link ErrorCode#FORMAT} error about the field at {@code offset}. */
    public KeyPairException error(String field, int offset, String problem) {
      return new KeyPairException(ErrorCode.FORMAT,
          structure + ": field '" + field + "' at offset " + offset + " " + problem);
    }

    /** Fails unless every byte of this element has been read. */
    public void end() {
      if (pos < end) {
        throw new KeyPairException(ErrorCode.FORMAT, structure + ": " + (end - pos) + " trailing bytes at offset "
            + pos + (depth == 0 ? ", after the outermost element" : ", after the last field of an element"));
      }
    }

    /**
     * Reads the header of an element with {@code expectedTag}: leaves pos at the start of its content
     * and returns the content's end. On failure pos is left where it was.
     */
    private int header(int expectedTag, String field) {
      int at = pos;
      if (at >= end) {
        throw error(field, at, "is missing: expected " + tagName(expectedTag) + ", found the end of the data");
      }
      int tag = buf[at] & 0xff;
      if ((tag & 0x1f) == 0x1f) {
        throw error(field, at, "has a high tag number form, which no key structure uses");
      }
      if (tag != expectedTag) {
        throw error(field, at, "is " + tagName(tag) + ", expected " + tagName(expectedTag));
      }
      int p = at + 1;
      if (p >= end) {
        throw error(field, at, "has no length octet");
      }
      int first = buf[p++] & 0xff;
      long length;
      if (first < 0x80) {
        length = first;
      } else if (first == 0x80) {
        throw error(field, at, "has an indefinite length, which DER forbids");
      } else {
        int n = first & 0x7f;
        if (n > 4) {
          throw error(field, at, "has a length of " + n + " octets, more than any key needs");
        }
        if (n > end - p) {
          throw error(field, at, "has a length that runs past the end of the data");
        }
        if (buf[p] == 0) {
          throw error(field, at, "has a length with a leading zero octet, which DER forbids");
        }
        length = 0;
        for (int i = 0; i < n; i++) {
          length = (length << 8) | (buf[p++] & 0xff);
        }
        if (length < 0x80) {
          throw error(field, at, "has a long-form length below 128, which DER forbids");
        }
      }
      if (length > end - p) {
        throw error(field, at, "has length " + length + " but only " + (end - p) + " bytes are left");
      }
      pos = p;
      return p + (int) length;
    }

    private Reader child(int from, int to, String field, int at) {
      if (depth + 1 > maxDepth) {
        throw new KeyPairException(ErrorCode.RESOURCE_LIMIT, structure + ": field '" + field + "' at offset " + at
            + " nests deeper than the limit of " + maxDepth + " ASN.1 levels");
      }
      return new Reader(buf, from, to, depth + 1, maxDepth, structure);
    }

    /** Reads a SEQUENCE and returns a reader of its content. */
    public Reader sequence(String field) {
      return constructed(SEQUENCE, field);
    }

    /** Reads a constructed element with {@code tag} ({@link #SEQUENCE}, {@link #SET}, {@code [n]}) and returns a reader of its content. */
    public Reader constructed(int tag, String field) {
      if ((tag & 0x20) == 0) {
        throw new IllegalArgumentException("not a constructed tag: " + tag);
      }
      int at = pos;
      int contentEnd = header(tag, field);
      Reader r = child(pos, contentEnd, field, at);
      pos = contentEnd;
      return r;
    }

    /** Reads a primitive element with {@code tag} and returns a copy of its content. */
    public byte[] primitive(int tag, String field) {
      int contentEnd = header(tag, field);
      byte[] content = Arrays.copyOfRange(buf, pos, contentEnd);
      pos = contentEnd;
      return content;
    }

    /** Skips the next element, whatever it is, without looking inside it; returns its tag. */
    public int skip(String field) {
      int tag = peekTag();
      if (tag < 0) {
        throw error(field, pos, "is missing: found the end of the data");
      }
      pos = header(tag, field);
      return tag;
    }

    /** Reads an INTEGER of any sign. */
    public BigInteger integer(String field) {
      int start = integerContent(field);
      return new BigInteger(buf, start, pos - start);
    }

    /** Reads an INTEGER's header and checks its content; leaves pos after it and returns the content's start. */
    private int integerContent(String field) {
      int at = pos;
      int contentEnd = header(INTEGER, field);
      int len = contentEnd - pos;
      if (len == 0) {
        throw error(field, at, "is an INTEGER with no content octets");
      }
      if (len > 1) {
        int b0 = buf[pos];
        int b1 = buf[pos + 1];
        if ((b0 == 0 && (b1 & 0x80) == 0) || (b0 == -1 && (b1 & 0x80) != 0)) {
          throw error(field, at, "is an INTEGER that is not minimally encoded");
        }
      }
      int start = pos;
      pos = contentEnd;
      return start;
    }

    /**
     * Reads an INTEGER that must be positive, such as an RSA modulus: zero or a negative value is
     * {@link ErrorCode#INVALID_VALUE} (the encoding is fine, the key is not).
     */
    public BigInteger positiveInteger(String field) {
      int at = pos;
      BigInteger v = integer(field);
      if (v.signum() <= 0) {
        throw notPositive(field, at, v.signum() == 0);
      }
      return v;
    }

    /**
     * Reads an INTEGER that must be positive, as {@link #positiveInteger} does, and returns a copy of its content
     * (big-endian two's complement, minimal: a leading zero octet when the top bit is set) instead of the number.
     */
    public byte[] positiveIntegerBytes(String field) {
      int at = pos;
      int start = integerContent(field);
      boolean zero = pos - start == 1 && buf[start] == 0; // minimal: the only encoding of zero
      if (zero || buf[start] < 0) {
        throw notPositive(field, at, zero);
      }
      return Arrays.copyOfRange(buf, start, pos);
    }

    private KeyPairException notPositive(String field, int at, boolean zero) {
      return new KeyPairException(ErrorCode.INVALID_VALUE, structure + ": field '" + field + "' at offset " + at
          + " is " + (zero ? "zero" : "negative") + " but must be positive");
    }

    /** Reads a small non-negative INTEGER, such as a version number; larger than {@code max} is FORMAT. */
    public int smallInteger(String field, int max) {
      int at = pos;
      BigInteger v = integer(field);
      if (v.signum() < 0 || v.bitLength() > 31 || v.intValue() > max) {
        throw error(field, at, "is out of the range 0.." + max);
      }
      return v.intValue();
    }

    /** Reads a NULL. */
    public void nul(String field) {
      int at = pos;
      int contentEnd = header(NULL, field);
      if (contentEnd != pos) {
        throw error(field, at, "is a NULL with content octets");
      }
    }

    /** Reads an OCTET STRING and returns a copy of its content. */
    public byte[] octetString(String field) {
      return primitive(OCTET_STRING, field);
    }

    /** Reads an OCTET STRING whose content is DER, and returns a reader of that content. */
    public Reader octetStringContent(String field) {
      int at = pos;
      int contentEnd = header(OCTET_STRING, field);
      Reader r = child(pos, contentEnd, field, at);
      pos = contentEnd;
      return r;
    }

    /** Reads a BIT STRING that must have no unused bits (as every key does) and returns a copy of its content. */
    public byte[] bitString(String field) {
      int contentStart = bitStringStart(field);
      byte[] content = Arrays.copyOfRange(buf, contentStart, pos);
      return content;
    }

    /** Reads a BIT STRING with no unused bits whose content is DER, and returns a reader of that content. */
    public Reader bitStringContent(String field) {
      int at = pos;
      int contentStart = bitStringStart(field);
      return child(contentStart, pos, field, at);
    }

    /** Reads the header and the unused-bits octet; leaves pos after the element; returns the data's start. */
    private int bitStringStart(String field) {
      int at = pos;
      int contentEnd = header(BIT_STRING, field);
      if (contentEnd == pos) {
        throw error(field, at, "is a BIT STRING without its unused-bits octet");
      }
      int unused = buf[pos] & 0xff;
      if (unused != 0) {
        throw error(field, at, "is a BIT STRING with " + unused + " unused bits; a key has none");
      }
      int start = pos + 1;
      pos = contentEnd;
      return start;
    }

    /**
     * Reads an OBJECT IDENTIFIER and returns it in dotted form, such as {@code 1.2.840.10045.2.1}. At
     * most {@link #MAX_OID_BYTES} content octets and {@link #MAX_OID_ARC_BYTES} per arc, so that decoding
     * costs nothing an attacker can inflate (every OID keypair knows is under 12 octets; UUID arcs,
     * the longest in use, take 19).
     */
    public String oid(String field) {
      int at = pos;
      int contentEnd = header(OBJECT_IDENTIFIER, field);
      if (contentEnd == pos) {
        throw error(field, at, "is an OBJECT IDENTIFIER with no content octets");
      }
      if (contentEnd - pos > MAX_OID_BYTES) {
        throw error(field, at, "is an OBJECT IDENTIFIER of " + (contentEnd - pos) + " octets, over the limit of "
            + MAX_OID_BYTES);
      }
      StringBuilder sb = new StringBuilder(Math.min(4 * (contentEnd - pos), 256));
      boolean first = true;
      int i = pos;
      while (i < contentEnd) {
        if ((buf[i] & 0xff) == 0x80) {
          throw error(field, at, "is an OBJECT IDENTIFIER with a non-minimal arc at offset " + i);
        }
        int arcStart = i;
        while (i < contentEnd && (buf[i] & 0x80) != 0) {
          i++;
        }
        if (i == contentEnd) {
          throw error(field, at, "is an OBJECT IDENTIFIER whose last arc is unterminated");
        }
        i++;
        if (i - arcStart > MAX_OID_ARC_BYTES) {
          throw error(field, at, "is an OBJECT IDENTIFIER with an arc of " + (i - arcStart) + " octets, over the limit of "
              + MAX_OID_ARC_BYTES);
        }
        if (i - arcStart <= 8) { // at most 56 bits: a long, appended without a BigInteger
          long arc = base128Long(buf, arcStart, i);
          if (first) {
            long x = arc >= 80 ? 2 : arc / 40;
            sb.append(x).append('.').append(arc - 40 * x);
            first = false;
          } else {
            sb.append('.').append(arc);
          }
          continue;
        }
        BigInteger arc = base128(buf, arcStart, i);
        if (first) {
          // the first subidentifier holds two arcs: 40 * x + y, with x in 0..2
          int x = arc.compareTo(BigInteger.valueOf(80)) >= 0 ? 2 : arc.intValue() / 40;
          sb.append(x).append('.').append(arc.subtract(BigInteger.valueOf(40L * x)));
          first = false;
        } else {
          sb.append('.').append(arc);
        }
      }
      pos = contentEnd;
      return sb.toString();
    }

    private static long base128Long(byte[] b, int from, int to) {
      long v = 0;
      for (int i = from; i < to; i++) {
        v = (v << 7) | (b[i] & 0x7f);
      }
      return v;
    }

    /** An arc of more than 8 octets (over 56 bits). */
    private static BigInteger base128(byte[] b, int from, int to) {
      BigInteger v = BigInteger.ZERO;
      for (int i = from; i < to; i++) {
        v = v.shiftLeft(7).or(BigInteger.valueOf(b[i] & 0x7f));
      }
      return v;
    }
  }

  // ---------------------------------------------------------------- writing

  /** An element with {@code tag} and the given content. */
  public static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    writeLength(out, content.length);
    out.writeBytes(content);
    return out.toByteArray();
  }

  /** A constructed element with {@code tag} holding {@code elements} in order. */
  public static byte[] constructed(int tag, byte[]... elements) {
    if ((tag & 0x20) == 0) {
      throw new IllegalArgumentException("not a constructed tag: " + tag);
    }
    int total = 0;
    for (byte[] e : elements) {
      total += e.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(total + 6);
    out.write(tag);
    writeLength(out, total);
    for (byte[] e : elements) {
      out.writeBytes(e);
    }
    return out.toByteArray();
  }

  /** {@code SEQUENCE { elements }}. */
  public static byte[] sequence(byte[]... elements) {
    return constructed(SEQUENCE, elements);
  }

  /** An INTEGER, minimal two's complement. */
  public static byte[] integer(BigInteger value) {
    return tlv(INTEGER, value.toByteArray());
  }

  /** An INTEGER, minimal two's complement. */
  public static byte[] integer(long value) {
    return integer(BigInteger.valueOf(value));
  }

  /** NULL. */
  public static byte[] nul() {
    return new byte[] {NULL, 0};
  }

  /** An OCTET STRING. */
  public static byte[] octetString(byte[] content) {
    return tlv(OCTET_STRING, content);
  }

  /** A BIT STRING of whole octets: no unused bits. */
  public static byte[] bitString(byte[] content) {
    byte[] c = new byte[content.length + 1];
    System.arraycopy(content, 0, c, 1, content.length);
    return tlv(BIT_STRING, c);
  }

  /**
   * An OBJECT IDENTIFIER from its dotted form.
   *
   * @throws IllegalArgumentException if {@code dotted} is not an OID: at least two arcs of decimal
   *     digits without leading zeros, the first 0, 1 or 2, the second below 40 unless the first is 2
   */
  public static byte[] oid(String dotted) {
    Objects.requireNonNull(dotted, "dotted");
    String[] arcs = dotted.split("\\.", -1);
    if (arcs.length < 2) {
      throw new IllegalArgumentException("an OID has at least two arcs: " + dotted);
    }
    BigInteger[] v = new BigInteger[arcs.length];
    for (int i = 0; i < arcs.length; i++) {
      String a = arcs[i];
      if (a.isEmpty() || !a.chars().allMatch(c -> c >= '0' && c <= '9') || (a.length() > 1 && a.charAt(0) == '0')) {
        throw new IllegalArgumentException("not an OID: " + dotted);
      }
      v[i] = new BigInteger(a);
    }
    BigInteger forty = BigInteger.valueOf(40);
    if (v[0].compareTo(BigInteger.TWO) > 0 || (v[0].compareTo(BigInteger.TWO) < 0 && v[1].compareTo(forty) >= 0)) {
      throw new IllegalArgumentException("not an OID: " + dotted);
    }
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    writeBase128(content, v[0].multiply(forty).add(v[1]));
    for (int i = 2; i < v.length; i++) {
      writeBase128(content, v[i]);
    }
    return tlv(OBJECT_IDENTIFIER, content.toByteArray());
  }

  private static void writeBase128(ByteArrayOutputStream out, BigInteger arc) {
    int groups = Math.max(1, (arc.bitLength() + 6) / 7);
    for (int g = groups - 1; g >= 0; g--) {
      int bits = arc.shiftRight(7 * g).intValue() & 0x7f;
      out.write(g > 0 ? bits | 0x80 : bits);
    }
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
      return;
    }
    int n = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
    out.write(0x80 | n);
    for (int i = n - 1; i >= 0; i--) {
      out.write(length >>> (8 * i));
    }
  }
}
