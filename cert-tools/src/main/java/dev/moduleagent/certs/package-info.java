/**
 * Keys, certificate signing requests, test certificate authorities, thumbprints, chain checks and TLS contexts for
 * Azure IoT Hub X.509 device and module identities (certificate subject {@code CN=<deviceId>/<moduleId>}).
 *
 * <p>All classes are thread-safe: they are immutable or stateless. Every failure that a user can cause (a missing
 * or malformed file, a wrong passphrase, an invalid identity name) is a {@link
 * dev.moduleagent.certs.CertificateToolException} whose message is one line naming the file or value. Bouncy
 * Castle is used through provider instances passed explicitly; nothing here registers a global JCA provider.
 */
@Export
@Version("1.1.0")
package dev.moduleagent.certs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
