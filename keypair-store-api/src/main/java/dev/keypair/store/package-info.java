/**
 * Key-pair registries per provider and region: {@link dev.keypair.store.KeyPairRegistry} (create,
 * import, describe and list, tag, delete, attach and detach), enforcing a
 * {@link dev.keypair.store.ProviderProfile} (the seeds are in {@link dev.keypair.store.ProviderProfiles}),
 * kept in a {@link dev.keypair.store.spi.KeyPairStore}: {@link dev.keypair.store.InMemoryKeyPairStore}
 * here, the embedded SQLite store in {@code keypair-store-jdbc}.
 */
package dev.keypair.store;
