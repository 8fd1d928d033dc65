/** keypair's codecs: every public key format people meet, detected from the content. */
module dev.keypair.formats {
  requires transitive dev.keypair.core;

  exports dev.keypair.formats;
  exports dev.keypair.formats.internal to
      dev.keypair.fingerprint,
      dev.keypair.store;
}
