package dev.moduleagent.agent.internal.identity;

import java.time.Instant;
import javax.net.ssl.SSLContext;

/**
 * A checked module identity, ready for TLS, and what the agent reports about it.
 *
 * @param commonName {@code <deviceId>/<moduleId>}
 * @param subject the certificate's subject as an RFC 2253 string
 * @param thumbprintSha256 SHA-256 of the certificate, upper-case hex
 * @param notAfter when the certificate expires
 * @param sslContext key + chain + trust for the hub connection
 */
public record ModuleIdentity(String commonName, String subject, String thumbprintSha256, Instant notAfter,
                             SSLContext sslContext) {
}
