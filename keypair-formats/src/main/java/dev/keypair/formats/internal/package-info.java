/**
 * keypair-formats' own plumbing: text lines with caps ({@link dev.keypair.formats.internal.TextLines}),
 * a strict DER reader and writer ({@link dev.keypair.formats.internal.Der}) and PEM blocks
 * ({@link dev.keypair.formats.internal.PemBlocks}). Exported only to keypair's modules; not an API.
 */
package dev.keypair.formats.internal;
