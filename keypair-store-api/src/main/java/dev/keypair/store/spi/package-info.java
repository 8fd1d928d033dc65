/**
 * The storage SPI of key-pair registries: {@link dev.keypair.store.spi.KeyPairStore} and the plain
 * records it keeps ({@link dev.keypair.store.spi.StoredKeyPair}, {@link dev.keypair.store.spi.StoredInstance})
 * in a {@link dev.keypair.store.spi.Scope}. Implement it to keep registries somewhere new, and run the
 * contract suite (the test-jar's {@code KeyPairStoreContract}) against the implementation.
 */
package dev.keypair.store.spi;
