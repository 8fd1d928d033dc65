/**
 * Fingerprints, exactly as {@code ssh-keygen} prints them and as each cloud console shows them.
 *
 * <p>Entry points: {@link dev.keypair.fingerprint.Fingerprints} (OpenSSH SHA256, MD5, SHA1, and the
 * {@code ssh-keygen -l} line), {@link dev.keypair.fingerprint.AwsFingerprints} (EC2's imported and
 * created key fingerprints), {@link dev.keypair.fingerprint.FingerprintRule} (each provider's rule),
 * {@link dev.keypair.fingerprint.FingerprintMatcher} (does a pasted fingerprint belong to this key?)
 * and {@link dev.keypair.fingerprint.Randomart} ({@code ssh-keygen -lv}'s picture).
 */
package dev.keypair.fingerprint;
