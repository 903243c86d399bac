package dev.moduleagent.agent.internal.identity;

import dev.moduleagent.certs.IdentityName;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * What a renewal works with, fixed at start.
 *
 * @param files the identity's files
 * @param passphraseFile {@code key.passphrase.file} (new keys are encrypted with it too), or {@code null}
 * @param name the module's identity ({@code CN=<device>/<module>})
 * @param hubTrust the hub's trust anchors ({@code trust.file}; empty: the JDK's)
 * @param settings {@code renew.*}
 * @param trialTimeout how long the hub may take to accept a new pair before it counts as refused
 * @param retryInitial the first pause after a failed attempt (doubling up to {@code renew.check})
 */
public record RenewalSetup(RenewalFiles files, Path passphraseFile, IdentityName name, List<X509Certificate> hubTrust,
                           RenewalSettings settings, Duration trialTimeout, Duration retryInitial) {
}
