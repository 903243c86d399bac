package dev.moduleagent.agent.internal.identity;

import dev.moduleagent.certs.CertificateToolException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** Gets a renewed certificate for a new key, authenticated by the current one (EST simplereenroll in production). */
@FunctionalInterface
public interface Enroller {

    /**
     * @param currentKey the current private key (TLS client authentication)
     * @param currentChain the current chain, leaf first
     * @param newKeys the key pair to certify
     * @return the issued chain, leaf first
     * @throws CertificateToolException when no certificate was issued ({@code EstException} says why)
     */
    List<X509Certificate> reenroll(PrivateKey currentKey, List<X509Certificate> currentChain, KeyPair newKeys)
            throws CertificateToolException;
}
