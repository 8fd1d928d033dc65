package dev.keypair.formats.internal;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.internal.Wipe;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The ciphers of OpenSSH private key files, with the sizes of OpenSSH's {@code cipher.c}: the key
 * derivation yields {@code keyLength + ivLength} bytes (key first), the private section is padded to
 * {@code blockSize}, and the AEAD ciphers append a {@code tagLength}-byte tag after it.
 *
 * <p>Used as in a key file: the whole section in one call, with no additional data; the GCM nonce is
 * the 12-byte IV from the KDF; {@code chacha20-poly1305@openssh.com} runs with sequence number 0: the
 * first 32 key bytes key the ChaCha20 (64-bit nonce) instance whose block 0 gives the Poly1305 key and
 * whose blocks from 1 on encrypt the section; the Poly1305 tag covers the ciphertext; the other 32 key
 * bytes (the packet-length key of the transport) are unused. AES and DESede come from the JDK,
 * ChaCha20 and Poly1305 from BouncyCastle.
 *
 * <p>What cannot be wiped: the copies of the key inside JCA's {@code SecretKeySpec} and cipher objects
 * and inside BouncyCastle's engines.
 */
public enum OpenSshCipher {
  NONE("none", Kind.NONE, 8, 0, 0, 0),
  AES128_CBC("aes128-cbc", Kind.CBC, 16, 16, 16, 0),
  AES192_CBC("aes192-cbc", Kind.CBC, 16, 24, 16, 0),
  AES256_CBC("aes256-cbc", Kind.CBC, 16, 32, 16, 0),
  AES128_CTR("aes128-ctr", Kind.CTR, 16, 16, 16, 0),
  AES192_CTR("aes192-ctr", Kind.CTR, 16, 24, 16, 0),
  AES256_CTR("aes256-ctr", Kind.CTR, 16, 32, 16, 0),
  AES128_GCM("aes128-gcm@openssh.com", Kind.GCM, 16, 16, 12, 16),
  AES256_GCM("aes256-gcm@openssh.com", Kind.GCM, 16, 32, 12, 16),
  CHACHA20_POLY1305("chacha20-poly1305@openssh.com", Kind.CHACHA_POLY, 8, 64, 0, 16),
  /** Read only: OpenSSH still reads it, keypair never writes it. */
  TRIPLE_DES_CBC("3des-cbc", Kind.DESEDE_CBC, 8, 24, 8, 0);

  private enum Kind { NONE, CBC, CTR, GCM, CHACHA_POLY, DESEDE_CBC }

  private static final int CHACHA_KEY = 32;
  private static final int CHACHA_BLOCK = 64;
  private static final int POLY1305_KEY = 32;

  private final String sshName;
  private final Kind kind;
  private final int blockSize;
  private final int keyLength;
  private final int ivLength;
  private final int tagLength;

  OpenSshCipher(String sshName, Kind kind, int blockSize, int keyLength, int ivLength, int tagLength) {
    this.sshName = sshName;
    this.kind = kind;
    this.blockSize = blockSize;
    this.keyLength = keyLength;
    this.ivLength = ivLength;
    this.tagLength = tagLength;
  }

  /** The name in the file, such as {@code aes256-ctr}. */
  public String sshName() {
    return sshName;
  }

  /** The block size the private section is padded to (8 for {@code none} and the stream-like chacha). */
  public int blockSize() {
    return blockSize;
  }

  public int keyLength() {
    return keyLength;
  }

  public int ivLength() {
    return ivLength;
  }

  /** Bytes of authentication tag after the encrypted section: 16 for GCM and chacha20-poly1305, else 0. */
  public int tagLength() {
    return tagLength;
  }

  /** Bytes the key derivation must produce: key, then IV. */
  public int kdfOutputLength() {
    return keyLength + ivLength;
  }

  /** Whether keypair writes files with this cipher (all but {@code 3des-cbc}). */
  public boolean isWritable() {
    return kind != Kind.DESEDE_CBC;
  }

  /** The cipher of this file name, if known. */
  public static Optional<OpenSshCipher> fromName(String name) {
    for (OpenSshCipher c : values()) {
      if (c.sshName.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Encrypts {@code plain} (a multiple of the block size) with the key and IV in {@code keyAndIv};
   * returns the ciphertext followed by the tag, if any.
   */
  public byte[] encrypt(byte[] keyAndIv, byte[] plain) {
    checkArguments(keyAndIv, plain.length);
    if (kind == Kind.NONE) {
      return plain.clone();
    }
    byte[] out = new byte[plain.length + tagLength];
    if (kind == Kind.CHACHA_POLY) {
      chachaPoly(true, keyAndIv, plain, 0, plain.length, out);
    } else {
      jca(Cipher.ENCRYPT_MODE, keyAndIv, plain, 0, plain.length, out);
    }
    return out;
  }

  /**
   * Decrypts {@code length} bytes of {@code data} from {@code offset}, the tag (if any) following
   * them; returns a fresh array the caller wipes.
   *
   * @throws KeyPairException {@link ErrorCode#WRONG_PASSPHRASE} if the tag does not verify
   */
  public byte[] decrypt(byte[] keyAndIv, byte[] data, int offset, int length) {
    checkArguments(keyAndIv, length);
    Objects.checkFromIndexSize(offset, length + tagLength, data.length);
    if (kind == Kind.NONE) {
      return Arrays.copyOfRange(data, offset, offset + length);
    }
    byte[] out = new byte[length];
    try {
      if (kind == Kind.CHACHA_POLY) {
        chachaPoly(false, keyAndIv, data, offset, length, out);
      } else {
        jca(Cipher.DECRYPT_MODE, keyAndIv, data, offset, length + tagLength, out);
      }
      return out;
    } catch (RuntimeException e) {
      Wipe.wipe("openssh-cipher-output", out);
      throw e;
    }
  }

  private void checkArguments(byte[] keyAndIv, int length) {
    Objects.requireNonNull(keyAndIv, "keyAndIv");
    if (keyAndIv.length != kdfOutputLength()) {
      throw new IllegalArgumentException(sshName + " needs " + kdfOutputLength() + " bytes of key and IV, not "
          + keyAndIv.length);
    }
    if (length % blockSize != 0) {
      throw new IllegalArgumentException(sshName + " data of " + length + " bytes is not whole blocks");
    }
  }

  private void jca(int mode, byte[] keyAndIv, byte[] in, int off, int len, byte[] out) {
    String algorithm = kind == Kind.DESEDE_CBC ? "DESede" : "AES";
    String transformation = algorithm + switch (kind) {
      case CTR -> "/CTR/NoPadding";
      case GCM -> "/GCM/NoPadding";
      default -> "/CBC/NoPadding";
    };
    try {
      Cipher c = Cipher.getInstance(transformation);
      SecretKeySpec key = new SecretKeySpec(keyAndIv, 0, keyLength, algorithm);
      if (kind == Kind.GCM) {
        c.init(mode, key, new GCMParameterSpec(8 * tagLength, keyAndIv, keyLength, ivLength));
      } else {
        c.init(mode, key, new IvParameterSpec(keyAndIv, keyLength, ivLength));
      }
      int n = c.doFinal(in, off, len, out, 0);
      if (n != out.length) {
        throw new KeyPairException(ErrorCode.INTERNAL, sshName + " produced " + n + " bytes, not " + out.length);
      }
    } catch (AEADBadTagException e) {
      throw new KeyPairException(ErrorCode.WRONG_PASSPHRASE,
          "the passphrase does not decrypt the key (" + sshName + " authentication tag mismatch)");
    } catch (GeneralSecurityException e) {
      throw new KeyPairException(ErrorCode.INTERNAL, "the JDK cannot run " + sshName, e);
    }
  }

  private void chachaPoly(boolean encrypt, byte[] keyAndIv, byte[] in, int off, int len, byte[] out) {
    ChaChaEngine chacha = new ChaChaEngine();
    KeyParameter chachaKey = new KeyParameter(keyAndIv, 0, CHACHA_KEY);
    byte[] block0 = new byte[CHACHA_BLOCK];
    KeyParameter polyKey = null;
    byte[] tag = new byte[tagLength];
    try {
      chacha.init(encrypt, new ParametersWithIV(chachaKey, new byte[8])); // nonce: sequence number 0
      chacha.processBytes(block0, 0, CHACHA_BLOCK, block0, 0); // block 0: the Poly1305 key; then counter 1
      polyKey = new KeyParameter(block0, 0, POLY1305_KEY);
      Poly1305 mac = new Poly1305();
      mac.init(polyKey);
      if (encrypt) {
        chacha.processBytes(in, off, len, out, 0);
        mac.update(out, 0, len);
        mac.doFinal(out, len);
      } else {
        mac.update(in, off, len);
        mac.doFinal(tag, 0);
        if (!MessageDigest.isEqual(tag, Arrays.copyOfRange(in, off + len, off + len + tagLength))) {
          throw new KeyPairException(ErrorCode.WRONG_PASSPHRASE,
              "the passphrase does not decrypt the key (" + sshName + " authentication tag mismatch)");
        }
        chacha.processBytes(in, off, len, out, 0);
      }
    } finally {
      Wipe.wipe("chacha-key", chachaKey.getKey());
      Wipe.wipe("chacha-block0", block0);
      Wipe.wipe("poly1305-key", polyKey == null ? null : polyKey.getKey());
      Wipe.wipe("poly1305-tag", tag);
      chacha.reset();
    }
  }
}
