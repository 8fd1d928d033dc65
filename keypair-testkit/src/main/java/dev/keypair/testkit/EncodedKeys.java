package dev.keypair.testkit;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyType;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PublicKeyFormat;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Arbitraries of keys encoded in every format keypair writes, for {@code @Provide} methods: each value holds
 * the key, the format, the line ends, the passphrase if any, and the text keypair's encoder wrote, so a test
 * can feed the text to the code under test and compare what it reads with the key.
 */
public final class EncodedKeys {

  private EncodedKeys() {}

  /**
   * Public keys in every {@link PublicKeyFormat} that can hold them (PKCS#1 holds RSA only), with a comment
   * where the format has one, with LF or CRLF line ends. See {@link EncodedPublicKeyArbitrary} for the
   * options. Shrinks towards the OpenSSH line, LF, then as {@link SshKeys#publicKeys()} does.
   */
  public static EncodedPublicKeyArbitrary publicKeys() {
    return EncodedPublicKeyArbitrary.DEFAULT;
  }

  /**
   * Key pairs in every {@link PrivateKeyFormat} that can hold them (traditional PEM holds no Ed25519), with a
   * comment where the format has one, plain or encrypted with every cipher keypair writes for the format,
   * with LF or CRLF line ends. The key derivation is as cheap as keypair writes and reads with its default
   * limits unless {@link EncodedPrivateKeyArbitrary#withDefaultKdfCost()} asks for keypair's default costs.
   * See {@link EncodedPrivateKeyArbitrary} for the options. Shrinks towards the OpenSSH format, not
   * encrypted, LF, then as {@link SshKeys#keyPairs()} does.
   */
  public static EncodedPrivateKeyArbitrary privateKeys() {
    return EncodedPrivateKeyArbitrary.DEFAULT;
  }

  /**
   * Passphrases of 1 to 40 characters: printable ASCII (spaces included), tabs, and UTF-8
   * ({@code ä ß é 中 ключ €}). Shrinks towards short ASCII.
   */
  public static Arbitrary<String> passphrases() {
    return Arbitraries.strings().withCharRange(' ', '~').withChars("äöüßé中ключ€\t")
        .ofMinLength(1).ofMaxLength(40);
  }

  /** Whether {@code format} can hold a key of {@code type}. */
  static boolean carries(PublicKeyFormat format, KeyType type) {
    return format != PublicKeyFormat.PEM_PKCS1 || type == KeyType.RSA;
  }

  /** Whether {@code format} can hold a key of {@code type}. */
  static boolean carries(PrivateKeyFormat format, KeyType type) {
    return format != PrivateKeyFormat.PEM || type != KeyType.ED25519;
  }

  /** Whether {@code format} has a comment. */
  static boolean hasComment(PublicKeyFormat format) {
    return format == PublicKeyFormat.OPENSSH || format == PublicKeyFormat.RFC4716;
  }

  /** Whether {@code format} has a comment. */
  static boolean hasComment(PrivateKeyFormat format) {
    return format != PrivateKeyFormat.PEM && format != PrivateKeyFormat.PKCS8;
  }

  /** The key types of {@link SshKeys#keyTypes()} that {@code carried} accepts, in its order. */
  static KeyType[] typesCarried(java.util.function.Predicate<KeyType> carried) {
    List<KeyType> out = new ArrayList<>();
    for (KeyType t : SshKeys.keyTypes().allValues().orElseThrow().toList()) {
      if (carried.test(t)) {
        out.add(t);
      }
    }
    return out.toArray(new KeyType[0]);
  }

  /** Comments a String can hold: the text of an encoded key is a String, so its comment is UTF-8. */
  static boolean isUtf8(Comment comment) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(comment.bytes().toByteArray()));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
