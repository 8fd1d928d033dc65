/** keypair's key model: SSH public keys, their blobs and validation, errors and limits. */
// The qualified exports name modules built after this one, which javac cannot see yet ("module not found").
@SuppressWarnings("module")
module dev.keypair.core {
  requires org.bouncycastle.provider;

  exports dev.keypair.core;
  exports dev.keypair.core.internal to
      dev.keypair.formats,
      dev.keypair.fingerprint,
      dev.keypair.store;
}
