package dev.moduleagent.agent.internal;

import dev.moduleagent.agent.internal.hub.HubSettings;
import dev.moduleagent.agent.internal.hub.Transport;
import dev.moduleagent.agent.internal.identity.IdentityFiles;
import dev.moduleagent.agent.internal.identity.RenewalSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The agent's configuration, checked: every required key present, paths and numbers well-formed.
 *
 * @param hubHost {@code hub.host}
 * @param gatewayHost {@code gateway.host}, or {@code null}
 * @param deviceId {@code device.id}
 * @param moduleId {@code module.id}
 * @param identityFiles {@code key.file}, {@code key.passphrase.file}, {@code cert.file}, {@code trust.file}
 * @param transport {@code transport}
 * @param dataDir {@code data.dir}
 * @param keepAliveSeconds {@code keepalive.seconds}
 * @param renewal {@code renew.*}: automatic certificate renewal over EST
 */
public record AgentSettings(String hubHost, String gatewayHost, String deviceId, String moduleId,
                            IdentityFiles identityFiles, Transport transport, Path dataDir, int keepAliveSeconds,
                            RenewalSettings renewal) {

    /**
     * MQTT keep-alive when {@code keepalive.seconds} is not set: 60 s, so that a half-open link (a NAT or cellular
     * path that died silently) is noticed within about two keep-alives (≤ 120 s) instead of the SDK's 230 s (341 s
     * measured); it costs about 14 KB per idle hour (see the README).
     */
    public static final int DEFAULT_KEEPALIVE = 60;

    /** Settings without automatic renewal (as before {@code renew.*} existed). */
    public AgentSettings(String hubHost, String gatewayHost, String deviceId, String moduleId,
                         IdentityFiles identityFiles, Transport transport, Path dataDir, int keepAliveSeconds) {
        this(hubHost, gatewayHost, deviceId, moduleId, identityFiles, transport, dataDir, keepAliveSeconds,
                RenewalSettings.OFF);
    }

    /**
     * @param properties the configuration properties (values as strings or numbers)
     * @return the checked settings
     * @throws StartupException naming the first wrong or missing key
     */
    public static AgentSettings parse(Map<String, ?> properties) throws StartupException {
        Reader in = new Reader(properties);
        IdentityFiles files = new IdentityFiles(in.path("key.file", true), in.path("key.passphrase.file", false),
                in.path("cert.file", true), in.path("trust.file", false));
        Transport transport;
        try {
            transport = Transport.parse(in.text("transport", false));
        } catch (IllegalArgumentException e) {
            throw new StartupException("configuration " + AgentConfig.PID + ": " + e.getMessage());
        }
        RenewalSettings renewal;
        try {
            renewal = RenewalSettings.parse(properties, files.trustFile());
        } catch (IllegalArgumentException e) {
            throw new StartupException("configuration " + AgentConfig.PID + ": " + e.getMessage());
        }
        return new AgentSettings(in.text("hub.host", true), in.text("gateway.host", false), in.text("device.id", true),
                in.text("module.id", true), files, transport, in.path("data.dir", true), in.keepAlive(), renewal);
    }

    /**
     * @param sslContext key, chain and trust of the checked identity
     * @return what the hub session needs to open a module client with these settings
     */
    public HubSettings hubSettings(SSLContext sslContext) {
        return new HubSettings(hubHost, gatewayHost, deviceId, moduleId, transport, keepAliveSeconds, sslContext);
    }

    /** Reads and checks single keys. */
    private record Reader(Map<String, ?> properties) {

        String text(String key, boolean required) throws StartupException {
            Object value = properties.get(key);
            String text = value == null ? null : String.valueOf(value).trim();
            if (text == null || text.isEmpty()) {
                if (required) {
                    throw new StartupException("configuration " + AgentConfig.PID + ": " + key + " is missing");
                }
                return null;
            }
            return text;
        }

        Path path(String key, boolean required) throws StartupException {
            String text = text(key, required);
            try {
                return text == null ? null : Path.of(text);
            } catch (InvalidPathException e) {
                throw new StartupException("configuration " + AgentConfig.PID + ": " + key + " '" + text
                        + "' is not a valid path");
            }
        }

        /** The value, checked against the metatype's range by {@code AgentConfigCheck} before it gets here. */
        int keepAlive() throws StartupException {
            String text = text("keepalive.seconds", false);
            return text == null ? DEFAULT_KEEPALIVE : Integer.parseInt(text);
        }
    }
}
