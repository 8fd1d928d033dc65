/** keypair's key model: SSH public keys, their blobs and validation, errors and limits. */
module dev.keypair.core {
  exports dev.keypair.core;
  exports dev.keypair.core.internal to
      dev.keypair.formats,
      dev.keypair.fingerprint,
      dev.keypair.store;
}
