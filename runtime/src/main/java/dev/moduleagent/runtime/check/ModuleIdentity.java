package dev.moduleagent.runtime.check;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * What the local checks found usable: the configuration and the module's key, certificate chain and hub trust, for
 * the network checks that follow. The key stays in memory only.
 *
 * @param config the configuration, paths absolute
 * @param key the module's private key
 * @param chain the module's certificate chain, leaf first
 * @param trust the CA certificates trusted for the hub; empty for the JDK's default roots
 */
public record ModuleIdentity(Map<String, String> config, PrivateKey key, List<X509Certificate> chain,
        List<X509Certificate> trust) {

    /** Copies the lists. */
    public ModuleIdentity {
        config = Map.copyOf(config);
        chain = List.copyOf(chain);
        trust = List.copyOf(trust);
    }
}
