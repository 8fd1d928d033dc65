/**
 * keypair's own plumbing: the RFC 4251 wire reader and writer, strict base64. Exported only to
 * keypair's modules; not an API.
 */
package dev.keypair.core.internal;
