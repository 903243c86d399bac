package dev.moduleagent.runtime.demo;

import java.nio.file.Path;

/**
 * The files an agent needs to connect as one module.
 *
 * @param keyFile the module's private key (PEM, PKCS#8, mode 0600)
 * @param chainFile the module's certificate and its CA (PEM, leaf first)
 * @param trustFile the hub's CA certificate (PEM)
 */
public record ModuleIdentityFiles(Path keyFile, Path chainFile, Path trustFile) {
}
