/** Key-pair registries: the registry API, provider profiles, the storage SPI and the in-memory store. */
module dev.keypair.store {
  requires transitive dev.keypair.core;
  requires transitive dev.keypair.formats;
  requires transitive dev.keypair.fingerprint;

  exports dev.keypair.store;
  exports dev.keypair.store.spi;
}
