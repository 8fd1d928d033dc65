/** Fingerprints as ssh-keygen prints them and as the cloud consoles show them. */
module dev.keypair.fingerprint {
  requires transitive dev.keypair.core;
  requires dev.keypair.formats;

  exports dev.keypair.fingerprint;
}
