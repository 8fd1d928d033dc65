package dev.keypair.testkit;

import dev.keypair.core.Comment;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Encoded public keys, from {@link EncodedKeys#publicKeys()}. Each option returns a new arbitrary; the
 * defaults are every format, LF and CRLF, and {@link SshKeys#publicKeys()} with UTF-8 comments from
 * {@link SshKeys#comments()} (the text is a String). Formats and line ends shrink towards the first given.
 */
public final class EncodedPublicKeyArbitrary extends ArbitraryDecorator<EncodedPublicKey> {

  static final EncodedPublicKeyArbitrary DEFAULT = new EncodedPublicKeyArbitrary(List.of(PublicKeyFormat.values()),
      List.of(LineEnding.values()), null, false);

  private final List<PublicKeyFormat> formats;
  private final List<LineEnding> lineEndings;
  private final Arbitrary<SshPublicKey> keys;
  private final boolean withoutComments;

  private EncodedPublicKeyArbitrary(List<PublicKeyFormat> formats, List<LineEnding> lineEndings,
      Arbitrary<SshPublicKey> keys, boolean withoutComments) {
    this.formats = formats;
    this.lineEndings = lineEndings;
    this.keys = keys;
    this.withoutComments = withoutComments;
  }

  /** Only these formats, shrinking towards the first. */
  public EncodedPublicKeyArbitrary formats(PublicKeyFormat... formats) {
    return new EncodedPublicKeyArbitrary(nonEmpty(List.of(formats), "format"), lineEndings, keys, withoutComments);
  }

  /** Only these line ends, shrinking towards the first. */
  public EncodedPublicKeyArbitrary lineEndings(LineEnding... lineEndings) {
    return new EncodedPublicKeyArbitrary(formats, nonEmpty(List.of(lineEndings), "line ending"), keys, withoutComments);
  }

  /**
   * Keys drawn from {@code keys} (for instance {@code SshKeys.publicKeys().ofTypes(KeyType.RSA)}). Keys a
   * drawn format cannot hold (not RSA, for PKCS#1) and comments that are not UTF-8, in a format with a
   * comment, are filtered out.
   */
  public EncodedPublicKeyArbitrary keys(Arbitrary<SshPublicKey> keys) {
    return new EncodedPublicKeyArbitrary(formats, lineEndings, Objects.requireNonNull(keys, "keys"), withoutComments);
  }

  /** Keys without a comment in every format. */
  public EncodedPublicKeyArbitrary withoutComments() {
    return new EncodedPublicKeyArbitrary(formats, lineEndings, keys, true);
  }

  @Override
  protected Arbitrary<EncodedPublicKey> arbitrary() {
    return Arbitraries.of(formats).flatMap(format -> Combinators.combine(keysFor(format), Arbitraries.of(lineEndings))
        .as((key, lineEnding) -> encode(key, format, lineEnding)));
  }

  private Arbitrary<SshPublicKey> keysFor(PublicKeyFormat format) {
    Arbitrary<SshPublicKey> base;
    if (keys == null) {
      base = SshKeys.publicKeys().ofTypes(EncodedKeys.typesCarried(t -> EncodedKeys.carries(format, t)))
          .withComments(SshKeys.comments().filter(EncodedKeys::isUtf8));
    } else {
      base = keys.filter(k -> EncodedKeys.carries(format, k.type())
          && (withoutComments || !EncodedKeys.hasComment(format) || EncodedKeys.isUtf8(k.comment())));
    }
    return withoutComments || !EncodedKeys.hasComment(format) ? base.map(k -> k.withComment(Comment.none())) : base;
  }

  private static EncodedPublicKey encode(SshPublicKey key, PublicKeyFormat format, LineEnding lineEnding) {
    return new EncodedPublicKey(key, format, lineEnding, lineEnding.apply(PublicKeys.encodeToString(key, format)));
  }

  static <T> List<T> nonEmpty(List<T> values, String what) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no " + what + " given");
    }
    return List.copyOf(new LinkedHashSet<>(values));
  }

  @Override
  public String toString() {
    return "EncodedKeys.publicKeys() in " + formats + " with " + lineEndings
        + (withoutComments ? ", without comments" : "");
  }
}
