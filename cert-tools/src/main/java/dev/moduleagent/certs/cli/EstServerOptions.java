package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.EstClient;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.internal.EstEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --url}, {@code --trust}, {@code --timeout}, {@code --wait}: which EST server, and how it is trusted. */
final class EstServerOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "EST server: https://host[:port]/.well-known/est[/label].")
    private String url;

    @Option(names = "--trust", required = true, paramLabel = "FILE",
            description = "CA certificate(s) the server's TLS certificate must chain to (PEM). No trust-all.")
    private Path trust;

    @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Network read timeout (default ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--wait", defaultValue = "60s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to keep retrying when the server answers 202 (Retry-After); default ${DEFAULT-VALUE}, 0 = no wait.")
    private Duration maxWait;

    /** @return a client builder for that server, trust, timeout and wait; a malformed URL is a usage error */
    EstClient.Builder builder() throws CertificateToolException {
        if (timeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be positive");
        }
        try {
            EstEndpoint.parse(url);
        } catch (CertificateToolException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return EstClient.to(url, Pem.readCertificates(trust)).timeout(timeout).maxWait(maxWait);
    }

    /** @return the URL as given, for messages */
    String url() {
        return url;
    }
}
