package dev.keypair.testkit;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyType;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Arbitraries of SSH key types, comments, keys and key pairs, for {@code @Provide} methods. */
public final class SshKeys {

  private SshKeys() {}

  /**
   * The key types keypair generates and writes: RSA, ECDSA on P-256, P-384 and P-521, and Ed25519.
   * Shrinks towards RSA.
   */
  public static Arbitrary<KeyType> keyTypes() {
    return Arbitraries.of(KeyType.RSA, KeyType.ECDSA_NISTP256, KeyType.ECDSA_NISTP384, KeyType.ECDSA_NISTP521,
        KeyType.ED25519);
  }

  /**
   * Comments as people write them: empty; typical ones, shortest first ({@code me@host}, inner runs of spaces,
   * a tab, a trailing space); printable ASCII with spaces and tabs, and UTF-8 ({@code é ß 中}); bytes that are
   * not UTF-8. Never a CR, LF or NUL, which one-line formats cannot carry, and never a leading space or tab,
   * which an OpenSSH line drops (the separator before its comment is a run of blanks). Every key format that
   * holds a comment carries these. Shrinks towards shorter comments and the empty one.
   */
  public static Arbitrary<Comment> comments() {
    Arbitrary<Comment> typical = Arbitraries.of("", "a\tb", "me@host", "ops  team", "user@example.com ")
        .map(Comment::of);
    Arbitrary<Comment> text = Arbitraries.strings().withCharRange(' ', '~').withChars('é', 'ß', '中', '\t')
        .ofMaxLength(60).map(s -> Comment.of(s.stripLeading()));
    Arbitrary<Comment> raw = Arbitraries.bytes().filter(b -> b != '\n' && b != '\r' && b != 0)
        .array(byte[].class).ofMaxSize(40).map(SshKeys::withoutLeadingBlanks);
    return Arbitraries.oneOf(typical, text, raw);
  }

  private static Comment withoutLeadingBlanks(byte[] b) {
    int i = 0;
    while (i < b.length && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    return Comment.ofBytes(Arrays.copyOfRange(b, i, b.length));
  }

  /**
   * Key pairs of every type keypair writes, with {@link #comments()}: RSA drawn from {@link RsaPool}, ECDSA
   * and Ed25519 made fresh from a seed. Narrow or widen with the fluent options of
   * {@link KeyPairArbitrary}. Shrinks towards RSA, the pool's first key, seed 0 and shorter comments.
   */
  public static KeyPairArbitrary keyPairs() {
    return KeyPairArbitrary.DEFAULT;
  }

  /**
   * Real public keys of every type keypair writes, with {@link #comments()}: RSA the pool's, ECDSA and Ed25519
   * made fresh from a seed. Same fluent options and shrinking as {@link #keyPairs()}; see
   * {@link PublicKeyArbitrary}.
   */
  public static PublicKeyArbitrary publicKeys() {
    return new PublicKeyArbitrary(KeyPairArbitrary.DEFAULT);
  }
}
