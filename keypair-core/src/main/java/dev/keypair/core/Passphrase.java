package dev.keypair.core;

import dev.keypair.core.internal.Wipe;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * A passphrase: characters in a private {@code char[]}, never built from or turned into a String,
 * wiped by {@link #destroy()} (or {@link #close()}).
 *
 * <p>Key formats hash the UTF-8 bytes of the passphrase (OpenSSH, PuTTY, PKCS#8 and OpenSSL's
 * legacy PEM all do); keypair's codecs make those bytes and wipe them after use. The characters come
 * out only through {@link #toCharArray(InsecureSecretAccess)}. {@link #toString()} is
 * {@code [redacted]}.
 */
public final class Passphrase implements Destroyable, AutoCloseable {

  private final char[] chars;
  private volatile boolean destroyed;

  private Passphrase(char[] owned) {
    this.chars = owned;
  }

  /** A copy of {@code chars}; wipe your own array afterwards. */
  public static Passphrase of(char[] chars) {
    return new Passphrase(chars.clone());
  }

  /**
   * The passphrase whose UTF-8 encoding is {@code utf8} (for instance the first line of a
   * passphrase file); copies, so wipe your own array afterwards.
   *
   * @throws KeyPairException {@link ErrorCode#FORMAT} if the bytes are not UTF-8
   */
  public static Passphrase fromUtf8(byte[] utf8) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer cb;
    try {
      cb = d.decode(ByteBuffer.wrap(utf8));
    } catch (CharacterCodingException e) {
      throw new KeyPairException(ErrorCode.FORMAT, "the passphrase is not valid UTF-8");
    }
    char[] out = Arrays.copyOf(cb.array(), cb.limit());
    Wipe.wipe("passphrase-decode", cb.array());
    return new Passphrase(out);
  }

  /** The empty passphrase. */
  public static Passphrase empty() {
    return new Passphrase(new char[0]);
  }

  public boolean isEmpty() {
    return chars.length == 0;
  }

  /** A copy of the characters; the caller owns it and should wipe it. */
  public char[] toCharArray(InsecureSecretAccess access) {
    InsecureSecretAccess.check(access);
    return live().clone();
  }

  /** The UTF-8 bytes, a fresh array the caller must wipe; keypair's codecs reach it through {@code CoreAccess}. */
  byte[] utf8() {
    char[] c = live();
    // one buffer large enough for any encoding (3 bytes per char at most: a surrogate pair is 4 for 2),
    // so the encoder never grows it and leaves an unwiped copy behind
    byte[] buf = new byte[c.length * 3];
    ByteBuffer bb = ByteBuffer.wrap(buf);
    CharsetEncoder e = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      if (e.encode(CharBuffer.wrap(c), bb, true).isError() || e.flush(bb).isError()) {
        throw new KeyPairException(ErrorCode.FORMAT, "the passphrase has an unpaired surrogate character");
      }
      return Arrays.copyOf(buf, bb.position());
    } finally {
      Wipe.wipe("passphrase-encode", buf);
    }
  }

  private char[] live() {
    if (destroyed) {
      throw new IllegalStateException("the passphrase was destroyed");
    }
    return chars;
  }

  @Override
  public void destroy() {
    destroyed = true;
    Wipe.wipe("passphrase", chars);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Same as {@link #destroy()}, for try-with-resources. */
  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "[redacted]";
  }
}
