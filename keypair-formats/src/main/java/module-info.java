/** keypair's codecs: every public key format people meet, detected from the content. */
// The qualified exports name modules built after this one, which javac cannot see yet ("module not found").
@SuppressWarnings("module")
module dev.keypair.formats {
  requires transitive dev.keypair.core;
  requires org.bouncycastle.provider;

  exports dev.keypair.formats;
  exports dev.keypair.formats.internal to
      dev.keypair.fingerprint,
      dev.keypair.store;
}
