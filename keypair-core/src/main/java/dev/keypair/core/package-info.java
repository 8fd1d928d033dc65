/**
 * keypair's key model.
 *
 * <p>Entry points: {@link dev.keypair.core.SshPublicKey} (a key and its comment),
 * {@link dev.keypair.core.KeyData} (the key itself, a sealed family with one class per algorithm,
 * decoded from its RFC 4251 blob by {@link dev.keypair.core.KeyData#fromBlob(byte[])}),
 * {@link dev.keypair.core.KeyPairException} with its {@link dev.keypair.core.ErrorCode}, and
 * {@link dev.keypair.core.KeyPairLimits}, the caps applied to untrusted input.
 *
 * <p>Reading and writing files is in {@code dev.keypair.formats}; fingerprints are in
 * {@code dev.keypair.fingerprint}.
 */
package dev.keypair.core;
