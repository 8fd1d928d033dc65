package dev.keypair.fingerprint;

import dev.keypair.core.KeyData;

/**
 * The "drunken bishop" picture {@code ssh-keygen -lv} draws under a fingerprint, byte for byte.
 *
 * <p>A bishop starts in the middle of a 17 by 9 board and takes four diagonal steps per digest byte,
 * two bits per step, least significant first (bit 0: right or left, bit 1: down or up), sliding along
 * the walls. Each square counts its visits and shows one of {@code " .o+=*BOX@%&#/^"}; the start is
 * {@code S}, the end {@code E}. The top border carries {@code [TYPE BITS]} (or {@code [TYPE]} when that
 * does not fit), the bottom one the hash name. Algorithm from Dirk Loss, Tobias Limmer and Alexander
 * von Gernler, "The drunken bishop", as implemented in OpenSSH's {@code sshkey_fingerprint_randomart}.
 */
public final class Randomart {

  private static final int WIDTH = 17;
  private static final int HEIGHT = 9;
  private static final String SYMBOLS = " .o+=*BOX@%&#/^SE";

  private Randomart() {}

  /**
   * The picture for {@code key}'s OpenSSH fingerprint under {@code algorithm}: 11 lines joined by LF,
   * without a final LF, as {@code ssh-keygen -lv -E algorithm} draws it.
   *
   * @param algorithm {@link FingerprintAlgorithm#SHA256}, {@link FingerprintAlgorithm#MD5} or
   *     {@link FingerprintAlgorithm#SHA1}
   * @throws IllegalArgumentException for the AWS algorithms, which ssh-keygen never draws
   */
  public static String draw(KeyData key, FingerprintAlgorithm algorithm) {
    Fingerprint fp = Fingerprints.of(key, algorithm);
    int len = SYMBOLS.length() - 1; // index of 'E'
    int[][] field = new int[WIDTH][HEIGHT];
    int x = WIDTH / 2;
    int y = HEIGHT / 2;
    byte[] digest = fp.digest().toByteArray();
    for (byte b : digest) {
      int input = b & 0xff;
      for (int step = 0; step < 4; step++) {
        x += (input & 1) != 0 ? 1 : -1;
        y += (input & 2) != 0 ? 1 : -1;
        x = Math.max(0, Math.min(WIDTH - 1, x));
        y = Math.max(0, Math.min(HEIGHT - 1, y));
        if (field[x][y] < len - 2) {
          field[x][y]++;
        }
        input >>= 2;
      }
    }
    field[WIDTH / 2][HEIGHT / 2] = len - 1;
    field[x][y] = len;

    StringBuilder out = new StringBuilder((WIDTH + 3) * (HEIGHT + 2));
    border(out, title(key));
    out.append('\n');
    for (int row = 0; row < HEIGHT; row++) {
      out.append('|');
      for (int col = 0; col < WIDTH; col++) {
        out.append(SYMBOLS.charAt(Math.min(field[col][row], len)));
      }
      out.append("|\n");
    }
    border(out, "[" + fp.algorithm().displayName() + "]");
    return out.toString();
  }

  /** {@code [TYPE BITS]}, or {@code [TYPE]} when that is longer than the board; at most 16 characters. */
  private static String title(KeyData key) {
    String t = "[" + key.label() + " " + key.bits() + "]";
    if (t.length() > WIDTH) {
      t = "[" + key.label() + "]";
    }
    return t.length() > WIDTH - 1 ? t.substring(0, WIDTH - 1) : t;
  }

  private static void border(StringBuilder out, String label) {
    out.append('+');
    int pad = (WIDTH - label.length()) / 2;
    out.append("-".repeat(pad)).append(label).append("-".repeat(WIDTH - pad - label.length()));
    out.append('+');
  }
}
